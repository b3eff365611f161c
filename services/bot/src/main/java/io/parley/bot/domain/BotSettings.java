package io.parley.bot.domain;

import java.util.List;
import java.util.Map;

/**
 * The contents of a bot's {@code bot.yaml}.
 *
 * @param answerPrompt   per language, the prompt file (name without {@code .prompt}) used to answer
 * @param tokenBudget    total LLM tokens one conversation may use; then the bot hands off (0 = no limit)
 * @param calmingReply   per language, the reply suggested to an agent when their visitor writes negatively
 */
public record BotSettings(String name, String tenant, List<Language> languages, Map<Language, String> greeting,
        String tone, ModelSettings model, HandoffRules handoff, List<String> maskWords, List<String> blockWords,
        Map<Language, String> blockedReply, Map<Language, String> answerPrompt, int topK, int tokenBudget,
        Map<Language, String> calmingReply) {

    /** The language to answer {@code text} in: the detected one if the bot speaks it, else the bot's first. */
    public Language languageOf(String text) {
        Language detected = Language.detect(text);
        return languages.contains(detected) ? detected : languages.getFirst();
    }
}
