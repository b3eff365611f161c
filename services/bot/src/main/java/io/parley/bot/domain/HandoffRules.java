package io.parley.bot.domain;

import java.util.List;
import java.util.Map;

/**
 * When the bot hands a conversation to a human.
 *
 * @param keywords       an explicit request: Chinese keywords match anywhere, Latin ones as whole words, any case
 * @param minConfidence  per language: retrieval confidence below this hands off
 * @param negativeStreak this many negative visitor messages in a row hand off (0 = never)
 * @param notice         what the visitor is told, per language code
 * @param skillsByTag    knowledge tag -> routing skill; tags without an entry become skills as they are
 */
public record HandoffRules(List<String> keywords, Map<Language, Double> minConfidence, int negativeStreak,
        Map<Language, String> notice, Map<String, String> skillsByTag) {

    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    public double minConfidence(Language language) {
        return minConfidence.getOrDefault(language, DEFAULT_MIN_CONFIDENCE);
    }
}
