package io.parley.bot.domain;

import java.util.List;
import java.util.Map;

/**
 * One bot as loaded from its folder: everything validated.
 *
 * @param id          the folder name
 * @param evalPassRate per eval file, the share of its cases that must pass (default 1.0)
 * @param fingerprint  changes whenever any file of the folder changes
 */
public record Bot(String id, BotSettings settings, Map<String, PromptFile> prompts, Map<String, Article> articles,
        List<EvalCase> evals, Map<String, Double> evalPassRate, String fingerprint) {

    public PromptFile answerPrompt(Language language) {
        return prompts.get(settings.answerPrompt().get(language));
    }
}
