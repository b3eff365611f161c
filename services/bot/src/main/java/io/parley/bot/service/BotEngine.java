package io.parley.bot.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.parley.bot.domain.Article;
import io.parley.bot.domain.BotReply;
import io.parley.bot.domain.BotSettings;
import io.parley.bot.domain.HandoffDecision;
import io.parley.bot.domain.HandoffReason;
import io.parley.bot.domain.HandoffRules;
import io.parley.bot.domain.Language;
import io.parley.bot.domain.ModelSettings;
import io.parley.bot.domain.PromptFile;
import io.parley.bot.domain.Sentiment;
import io.parley.bot.domain.Turn;
import io.parley.bot.knowledge.Hit;
import io.parley.bot.prompt.PromptInput;
import io.parley.bot.prompt.PromptRenderer;
import io.parley.bot.prompt.RenderedPrompt;
import io.parley.bot.sentiment.SentimentClassifier;

/**
 * Decides what the bot does with one visitor message. The handoff rules run in code before any model is asked,
 * so nothing a visitor writes (and nothing a model answers) can switch them off.
 *
 * <ol>
 * <li>blocked word → {@link BotReply.Blocked}; masked words are replaced by {@code ***} before anything else;</li>
 * <li>explicit request (handoff keywords) → handoff {@code requested};</li>
 * <li>{@code negativeStreak} negative messages in a row → handoff {@code negative_sentiment};</li>
 * <li>token budget used up → handoff {@code budget_exhausted};</li>
 * <li>retrieval; confidence below {@code minConfidence} → handoff {@code low_confidence};</li>
 * <li>with a model: the prompt file is rendered and the model answers, or calls {@code handoff_to_human}
 * ({@code model_decision}); an answer repeating the system message is withheld ({@code unsafe_output});</li>
 * <li>without a model: the best article is the answer.</li>
 * </ol>
 * Related articles of the best one are offered as follow-ups.
 */
public final class BotEngine {

    /** A near topic: the best article's tags are the intents when its score is at least minConfidence minus this. */
    static final double INTENT_SLACK = 0.15;
    static final int LEAK_WINDOW = 24;

    private final SentimentClassifier sentiment;
    private final Llm llm;

    public BotEngine(SentimentClassifier sentiment, Llm llm) {
        this.sentiment = sentiment;
        this.llm = llm;
    }

    public BotReply reply(LoadedBot loaded, ConversationState state, String rawText, Map<String, String> visitor) {
        BotSettings s = loaded.bot().settings();
        HandoffRules rules = s.handoff();
        Language language = s.languageOf(rawText);
        String lower = rawText.toLowerCase(Locale.ROOT);
        for (String w : s.blockWords()) {
            if (lower.contains(w.toLowerCase(Locale.ROOT))) {
                String text = s.blockedReply().getOrDefault(language, language == Language.ZH
                        ? "抱歉，您的消息包含不允许的内容，无法处理。" : "Sorry, your message contains words I can't process.");
                return new BotReply.Blocked(text, Sentiment.NEUTRAL, language);
            }
        }
        String text = mask(rawText, s.maskWords());
        Sentiment feeling = feel(loaded, text, language);
        int streak = state.recordSentiment(feeling.negative());
        List<Turn> history = state.turns();
        state.add(Turn.visitor(text));

        if (requested(text, rules.keywords())) {
            return handoff(loaded, state, HandoffReason.REQUESTED, text, history, List.of(), 0, feeling, language, null);
        }
        if (rules.negativeStreak() > 0 && streak >= rules.negativeStreak()) {
            return handoff(loaded, state, HandoffReason.NEGATIVE_SENTIMENT, text, history, List.of(), 0, feeling,
                    language, null);
        }
        if (s.tokenBudget() > 0 && state.tokensUsed() >= s.tokenBudget()) {
            return handoff(loaded, state, HandoffReason.BUDGET_EXHAUSTED, text, history, List.of(), 0, feeling,
                    language, null);
        }
        List<Hit> hits = loaded.index().search(text, language, s.topK());
        double confidence = hits.isEmpty() ? 0 : round(hits.getFirst().score());
        if (confidence < rules.minConfidence(language)) {
            return handoff(loaded, state, HandoffReason.LOW_CONFIDENCE, text, history, hits, confidence, feeling,
                    language, null);
        }
        Article best = hits.getFirst().article();
        List<String> followUps = followUps(loaded, best);
        List<String> used = hits.stream().map(h -> h.article().id()).toList();

        if (llm.available(s.model())) {
            PromptFile prompt = loaded.bot().answerPrompt(language);
            List<Article> passages = hits.stream().filter(h -> h.score() >= rules.minConfidence(language) - INTENT_SLACK)
                    .map(Hit::article).toList();
            RenderedPrompt rendered = PromptRenderer.render(prompt, s,
                    new PromptInput(text, history, passages, visitor, s.tenant(), language));
            Llm.Result result;
            try {
                result = llm.complete(s.model(),
                        rendered, prompt.temperature() != null ? prompt.temperature() : s.model().temperature(),
                        prompt.maxTokens() != null ? prompt.maxTokens() : s.model().maxTokens());
            } catch (RuntimeException e) {
                io.quarkus.logging.Log.warnf("bot %s: model call failed: %s", loaded.bot().id(), e.toString());
                return handoff(loaded, state, HandoffReason.MODEL_ERROR, text, history, hits, confidence, feeling,
                        language, null);
            }
            state.addTokens(result.tokens());
            if (result instanceof Llm.HandoffCall call) {
                return handoff(loaded, state, HandoffReason.MODEL_DECISION, text, history, hits, confidence, feeling,
                        language, call.summary());
            }
            String answer = plain(((Llm.Text) result).text());
            if (answer.isBlank() || leaks(answer, rendered.system())) {
                return handoff(loaded, state, HandoffReason.UNSAFE_OUTPUT, text, history, hits, confidence, feeling,
                        language, null);
            }
            answer = mask(answer, s.maskWords());
            String full = withFollowUps(answer, followUps, language);
            state.add(Turn.bot(full));
            return new BotReply.Answer(full, BotReply.Source.LLM, used, followUps, confidence, feeling, language);
        }
        String full = withFollowUps(best.plainBody(), followUps, language);
        state.add(Turn.bot(full));
        return new BotReply.Answer(full, BotReply.Source.ARTICLE, used, followUps, confidence, feeling, language);
    }

    /**
     * The sentiment of a visitor message: the model's reading when the bot has a model and it gives one that can
     * be read, else the local baseline (embedding kNN + naive Bayes).
     */
    public Sentiment feel(LoadedBot loaded, String text, Language language) {
        ModelSettings model = loaded.bot().settings().model();
        if (llm.available(model)) {
            Optional<Sentiment> read = llm.sentiment(model, text);
            if (read.isPresent()) {
                return read.get();
            }
        }
        return sentiment.classify(text, language);
    }

    /** Replays earlier turns into a fresh state (visitor turns count for the negative streak). */
    public void prime(ConversationState state, List<Turn> history) {
        for (Turn t : history) {
            if (t.role() == Turn.Role.VISITOR) {
                state.recordSentiment(sentiment.classify(t.text(), Language.detect(t.text())).negative());
            }
            state.add(t);
        }
    }

    private BotReply.Handoff handoff(LoadedBot loaded, ConversationState state, HandoffReason reason, String text,
            List<Turn> history, List<Hit> hits, double confidence, Sentiment feeling, Language language,
            String modelSummary) {
        HandoffRules rules = loaded.bot().settings().handoff();
        if (hits.isEmpty()) {
            // Handed over before searching ("转人工", a negative streak): the topic comes from what the visitor
            // said lately, so the agent (and skills routing) still learn what it is about.
            hits = loaded.index().search(recentVisitorText(text, history), language, 1);
        }
        List<String> intents = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        if (!hits.isEmpty() && hits.getFirst().score() >= rules.minConfidence(language) - INTENT_SLACK) {
            intents.addAll(hits.getFirst().article().tags());
            titles.add(hits.getFirst().article().title());
        }
        // Routing asks an agent for every requested skill: the topic's main skill (its first tag's) is the one.
        Set<String> skills = new LinkedHashSet<>();
        if (!intents.isEmpty()) {
            skills.add(rules.skillsByTag().getOrDefault(intents.getFirst(), intents.getFirst()));
        }
        StringBuilder summary = new StringBuilder();
        summary.append("reason: ").append(reason.code())
                .append(" | language: ").append(language.code())
                .append(" | sentiment: ").append(feeling.label().code()).append(" (").append(feeling.score()).append(')');
        if (!titles.isEmpty()) {
            summary.append(" | topic: ").append(titles.getFirst());
        }
        summary.append(" | visitor: \"").append(clip(text, 200)).append('"');
        if (!history.isEmpty()) {
            Turn prev = history.getLast();
            summary.append(" | before: ").append(prev.role().code()).append(" \"").append(clip(prev.text(), 120)).append('"');
        }
        if (modelSummary != null && !modelSummary.isBlank()) {
            summary.append(" | model: ").append(clip(modelSummary, 300));
        }
        state.markHandedOff();
        String notice = rules.notice().get(language);
        state.add(Turn.bot(notice));
        return new BotReply.Handoff(notice, new HandoffDecision(reason, List.copyOf(intents), List.copyOf(skills),
                summary.toString()), hits.stream().map(h -> h.article().id()).toList(), confidence, feeling, language);
    }

    /** The visitor's last three messages (this one included), oldest first. */
    static String recentVisitorText(String text, List<Turn> history) {
        List<String> recent = new ArrayList<>();
        recent.add(text);
        for (int i = history.size() - 1; i >= 0 && recent.size() < 3; i--) {
            if (history.get(i).role() == Turn.Role.VISITOR) {
                recent.addFirst(history.get(i).text());
            }
        }
        return String.join(" ", recent);
    }

    private static List<String> followUps(LoadedBot loaded, Article best) {
        List<String> out = new ArrayList<>();
        for (String id : best.related()) {
            Article a = loaded.bot().articles().get(id);
            if (a != null) {
                out.add(a.title());
            }
        }
        return out;
    }

    static String withFollowUps(String answer, List<String> followUps, Language language) {
        if (followUps.isEmpty()) {
            return answer;
        }
        return answer + "\n" + (language == Language.ZH ? "您可能还想了解：" + String.join("；", followUps)
                : "You may also want to know: " + String.join("; ", followUps));
    }

    static boolean requested(String text, List<String> keywords) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            String kl = k.toLowerCase(Locale.ROOT).strip();
            if (kl.isEmpty()) {
                continue;
            }
            boolean latin = kl.chars().allMatch(c -> c < 0x3000);
            if (latin) {
                if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(kl) + "(?![\\p{L}\\p{N}])").matcher(lower).find()) {
                    return true;
                }
            } else if (lower.contains(kl)) {
                return true;
            }
        }
        return false;
    }

    static String mask(String text, List<String> words) {
        String out = text;
        for (String w : words) {
            if (!w.isBlank()) {
                out = Pattern.compile(Pattern.quote(w), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(out)
                        .replaceAll("***");
            }
        }
        return out;
    }

    /** True when the answer repeats any {@value #LEAK_WINDOW} characters of the system message (spaces ignored). */
    static boolean leaks(String answer, String system) {
        String a = answer.replaceAll("\\s+", "");
        String s = system.replaceAll("\\s+", "");
        for (int i = 0; i + LEAK_WINDOW <= s.length(); i += 4) {
            if (a.contains(s.substring(i, i + LEAK_WINDOW))) {
                return true;
            }
        }
        return false;
    }

    /** Removes markdown markup the prompt asked the model not to use. */
    static String plain(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\n")) {
            String l = line.strip().replaceAll("^#+\\s*", "").replaceAll("^[*+]\\s+", "- ").replace("**", "")
                    .replace("__", "").replace("`", "");
            if (!l.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(l);
            }
        }
        return out.toString();
    }

    private static String clip(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
