package io.parley.bot.files;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import io.parley.bot.domain.BotSettings;
import io.parley.bot.domain.HandoffRules;
import io.parley.bot.domain.Language;
import io.parley.bot.domain.ModelSettings;

/** Reads and validates a bot's {@code bot.yaml} (docs/bots.md); every problem is added with its line. */
final class SettingsParser {
    private static final Set<String> BOT_KEYS = Set.of("name", "tenant", "languages", "greeting", "tone", "model",
            "handoff", "sensitiveWords", "answerPrompt", "retrieval", "budget", "calmingReply");
    private static final Set<String> MODEL_KEYS = Set.of("baseUrl", "model", "temperature", "maxTokens", "apiKeyEnv",
            "timeoutSeconds");
    private static final Set<String> HANDOFF_KEYS = Set.of("keywords", "minConfidence", "negativeStreak", "notice",
            "skillsByTag");
    private static final Set<String> SENSITIVE_KEYS = Set.of("mask", "block", "blockedReply");
    private static final Set<String> LANG_KEYS = Set.of("zh", "en");

    /** What a visitor types to ask for a person, when bot.yaml names no {@code handoff.keywords}. */
    static final List<String> DEFAULT_KEYWORDS = List.of("转人工", "人工客服", "人工服务", "真人", "human", "agent",
            "real person");

    private SettingsParser() {
    }

    static BotSettings parse(String file, String text, List<FileProblem> problems) {
        int before = problems.size();
        YamlDoc y = new YamlDoc(file, 0, problems);
        Node root = y.parse(text);
        if (root == null) {
            if (problems.size() == before) {
                y.problem(1, "empty file: bot.yaml needs at least 'name' and 'tenant'");
            }
            return null;
        }
        Map<String, Node> m = y.mapping(root, "bot.yaml", BOT_KEYS);
        String name = y.requiredString(m, "name", null, "bot.yaml");
        String tenant = y.requiredString(m, "tenant", null, "bot.yaml");
        if (tenant != null && !BotLoader.ID.matcher(tenant).matches()) {
            y.problem(m.get("tenant"), "tenant must be lower-case letters, digits, '-' or '_'");
        }
        List<Language> languages = new ArrayList<>();
        for (Node n : y.list(m.get("languages"), "languages")) {
            String code = y.string(n, "languages item");
            Language l = Language.fromCode(code);
            if (l == null) {
                y.problem(n, "unsupported language '" + code + "' (supported: zh, en)");
            } else {
                languages.add(l);
            }
        }
        if (!m.containsKey("languages")) {
            languages.addAll(List.of(Language.ZH, Language.EN));
        } else if (languages.isEmpty() && problems.size() == before) {
            y.problem(m.get("languages"), "languages must name at least one of zh, en");
        }
        Map<Language, String> greeting = perLanguage(y, m.get("greeting"), "greeting");
        Map<Language, String> calming = perLanguage(y, m.get("calmingReply"), "calmingReply");
        calming.putIfAbsent(Language.ZH, "非常抱歉给您带来不好的体验，我马上为您处理。");
        calming.putIfAbsent(Language.EN, "I'm really sorry about this. Let me sort it out for you right away.");
        String tone = y.string(m.get("tone"), "tone");

        ModelSettings model = ModelSettings.DEFAULT;
        if (m.containsKey("model")) {
            Map<String, Node> mm = y.mapping(m.get("model"), "model", MODEL_KEYS);
            String baseUrl = y.string(mm.get("baseUrl"), "model.baseUrl");
            if (baseUrl != null && !baseUrl.isBlank() && !baseUrl.matches("https?://\\S+")) {
                y.problem(mm.get("baseUrl"), "model.baseUrl must be an http:// or https:// URL, got '" + baseUrl + "'");
            }
            Double temperature = y.number(mm.get("temperature"), "model.temperature", 0, 2);
            Integer maxTokens = y.integer(mm.get("maxTokens"), "model.maxTokens", 1, 32000);
            Integer timeout = y.integer(mm.get("timeoutSeconds"), "model.timeoutSeconds", 1, 600);
            String keyEnv = y.string(mm.get("apiKeyEnv"), "model.apiKeyEnv");
            if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                y.problem(mm.get("apiKeyEnv"), "model.apiKeyEnv names an environment variable (letters, digits, '_'), "
                        + "never the key itself");
            }
            model = new ModelSettings(blankToNull(baseUrl), blankToNull(y.string(mm.get("model"), "model.model")),
                    temperature != null ? temperature : ModelSettings.DEFAULT.temperature(),
                    maxTokens != null ? maxTokens : ModelSettings.DEFAULT.maxTokens(), keyEnv,
                    timeout != null ? timeout : ModelSettings.DEFAULT.timeoutSeconds());
        }

        Map<String, Node> h = y.mapping(m.get("handoff"), "handoff", HANDOFF_KEYS);
        List<String> keywords = h.containsKey("keywords") ? y.strings(h.get("keywords"), "handoff.keywords")
                : DEFAULT_KEYWORDS;
        Map<Language, Double> minConfidence = new EnumMap<>(Language.class);
        Node mc = h.get("minConfidence");
        if (mc instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            Double v = y.number(mc, "handoff.minConfidence", 0, 1);
            if (v != null) {
                for (Language l : Language.values()) {
                    minConfidence.put(l, v);
                }
            }
        } else if (mc != null) {
            for (Map.Entry<String, Node> e : y.mapping(mc, "handoff.minConfidence", LANG_KEYS).entrySet()) {
                Double v = y.number(e.getValue(), "handoff.minConfidence." + e.getKey(), 0, 1);
                if (v != null) {
                    minConfidence.put(Language.fromCode(e.getKey()), v);
                }
            }
        }
        Integer streak = y.integer(h.get("negativeStreak"), "handoff.negativeStreak", 0, 100);
        Map<Language, String> notice = perLanguage(y, h.get("notice"), "handoff.notice");
        notice.putIfAbsent(Language.ZH, "正在为您转接人工客服，请稍候。");
        notice.putIfAbsent(Language.EN, "I'm passing you to a human agent. Please wait a moment.");
        Map<String, String> skills = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : y.mapping(h.get("skillsByTag"), "handoff.skillsByTag", null).entrySet()) {
            String skill = y.string(e.getValue(), "handoff.skillsByTag." + e.getKey());
            if (skill != null) {
                skills.put(e.getKey(), skill);
            }
        }
        HandoffRules rules = new HandoffRules(List.copyOf(keywords), Map.copyOf(minConfidence),
                streak != null ? streak : 3, Map.copyOf(notice), Map.copyOf(skills));

        Map<String, Node> s = y.mapping(m.get("sensitiveWords"), "sensitiveWords", SENSITIVE_KEYS);
        List<String> mask = y.strings(s.get("mask"), "sensitiveWords.mask");
        List<String> block = y.strings(s.get("block"), "sensitiveWords.block");
        Map<Language, String> blockedReply = perLanguage(y, s.get("blockedReply"), "sensitiveWords.blockedReply");

        Map<Language, String> answerPrompt = perLanguage(y, m.get("answerPrompt"), "answerPrompt");
        for (Map.Entry<Language, String> e : answerPrompt.entrySet()) {
            if (!BotLoader.ID.matcher(e.getValue()).matches()) {
                y.problem(m.get("answerPrompt"), "answerPrompt names a prompt file without '.prompt': lower-case "
                        + "letters, digits, '-' or '_', got '" + e.getValue() + "'");
            }
        }
        String fallbackPrompt = answerPrompt.isEmpty() ? "answer" : answerPrompt.values().iterator().next();
        for (Language l : languages) {
            answerPrompt.putIfAbsent(l, fallbackPrompt);
        }
        answerPrompt.keySet().retainAll(languages);
        Map<String, Node> r = y.mapping(m.get("retrieval"), "retrieval", Set.of("topK"));
        Integer topK = y.integer(r.get("topK"), "retrieval.topK", 1, 10);
        Map<String, Node> b = y.mapping(m.get("budget"), "budget", Set.of("tokensPerConversation"));
        Integer budget = y.integer(b.get("tokensPerConversation"), "budget.tokensPerConversation", 0, 10_000_000);
        if (problems.size() > before) {
            return null;
        }
        return new BotSettings(name, tenant, List.copyOf(languages), Map.copyOf(greeting), tone, model, rules,
                List.copyOf(mask), List.copyOf(block), Map.copyOf(blockedReply), Map.copyOf(answerPrompt),
                topK != null ? topK : 3, budget != null ? budget : 0, Map.copyOf(calming));
    }

    private static Map<Language, String> perLanguage(YamlDoc y, Node node, String what) {
        Map<Language, String> out = new EnumMap<>(Language.class);
        if (node == null) {
            return out;
        }
        if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            String v = y.string(node, what);
            if (v != null) {
                for (Language l : Language.values()) {
                    out.put(l, v);
                }
            }
            return out;
        }
        for (Map.Entry<String, Node> e : y.mapping(node, what, LANG_KEYS).entrySet()) {
            String v = y.string(e.getValue(), what + "." + e.getKey());
            if (v != null) {
                out.put(Language.fromCode(e.getKey()), v);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
