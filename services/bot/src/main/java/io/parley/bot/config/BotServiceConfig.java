package io.parley.bot.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code parley.bot.*} in application.properties. */
@ConfigMapping(prefix = "parley.bot")
public interface BotServiceConfig {

    /** The bots directory: one folder per bot. */
    @WithDefault("bots")
    String dir();

    /** How often the directory is checked for changes. */
    @WithDefault("2s")
    Duration reloadInterval();

    /** Load the embedding models at start rather than on first use. */
    @WithDefault("true")
    boolean warmUp();

    /** Keep knowledge vectors in PostgreSQL ({@code bot_embedding}) so restarts do not recompute them. */
    @WithDefault("true")
    boolean embeddingStore();

    /** How long an idle conversation's memory is kept. */
    @WithDefault("PT24H")
    Duration conversationTtl();

    /** How often this process tells routing which tenants it serves (the Redis key lives three intervals). */
    @WithDefault("5s")
    Duration dutyInterval();

    Llm llm();

    interface Llm {
        /** Default OpenAI-compatible base URL for bots whose bot.yaml names none; unset: no model. */
        Optional<String> baseUrl();

        @WithDefault("gpt-4o-mini")
        String model();

        /** Default API key (bots may name their own environment variable in bot.yaml). */
        Optional<String> apiKey();
    }
}
