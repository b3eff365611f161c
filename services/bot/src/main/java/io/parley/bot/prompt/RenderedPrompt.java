package io.parley.bot.prompt;

/** The two messages sent to the model. */
public record RenderedPrompt(String system, String user) {
}
