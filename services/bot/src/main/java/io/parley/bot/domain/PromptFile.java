package io.parley.bot.domain;

/**
 * A parsed {@code prompts/NAME.prompt}.
 *
 * @param system      template of the system message (instructions; no visitor text allowed)
 * @param user        template of the user message (where visitor text and knowledge go)
 * @param userLine    line in the file where the user template starts, for messages
 * @param temperature override of the bot's temperature, or null
 * @param maxTokens   override of the bot's max tokens, or null
 */
public record PromptFile(String name, String file, String description, String system, int systemLine, String user,
        int userLine, Double temperature, Integer maxTokens) {
}
