package io.parley.bot.service;

import io.parley.bot.domain.ModelSettings;
import io.parley.bot.domain.Sentiment;
import io.parley.bot.prompt.RenderedPrompt;
import java.util.Optional;

/** An OpenAI-compatible chat model, as the bot uses it. */
public interface Llm {

    /** The result of one call: a text answer or a handoff tool call. Typed, never parsed out of text. */
    sealed interface Result {
        int tokens();
    }

    record Text(String text, int tokens) implements Result {
    }

    /** The model called {@code handoff_to_human}. */
    record HandoffCall(String reason, String summary, int tokens) implements Result {
    }

    /** True when a model endpoint is configured for these settings. */
    boolean available(ModelSettings settings);

    Result complete(ModelSettings settings, RenderedPrompt prompt, double temperature, int maxTokens);

    /**
     * The model's reading of one visitor message, or empty when it gave none that could be read (the bot then
     * uses its local baseline). The default: no reading.
     */
    default Optional<Sentiment> sentiment(ModelSettings settings, String text) {
        return Optional.empty();
    }

    /** No model at all: the bot answers from articles only. */
    Llm NONE = new Llm() {
        @Override
        public boolean available(ModelSettings settings) {
            return false;
        }

        @Override
        public Result complete(ModelSettings settings, RenderedPrompt prompt, double temperature, int maxTokens) {
            throw new IllegalStateException("no model configured");
        }
    };
}
