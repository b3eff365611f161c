package io.parley.bot.prompt;

import java.util.List;
import java.util.Map;

import io.parley.bot.domain.Article;
import io.parley.bot.domain.Language;
import io.parley.bot.domain.Turn;

/**
 * What a prompt is rendered from.
 *
 * @param history    earlier turns, oldest first (the renderer keeps the last 3)
 * @param passages   retrieved articles, best first
 * @param visitor    visitor attributes; {@code name} is the visitor's name
 */
public record PromptInput(String question, List<Turn> history, List<Article> passages, Map<String, String> visitor,
        String tenant, Language language) {
}
