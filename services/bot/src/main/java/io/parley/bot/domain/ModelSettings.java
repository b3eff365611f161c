package io.parley.bot.domain;

/**
 * The bot's OpenAI-compatible model. {@code baseUrl} null: the service default applies (and with none, no LLM).
 *
 * @param apiKeyEnv name of the environment variable holding the API key (the key itself never sits in a file)
 */
public record ModelSettings(String baseUrl, String model, double temperature, int maxTokens, String apiKeyEnv,
        int timeoutSeconds) {

    public static final ModelSettings DEFAULT = new ModelSettings(null, null, 0.2, 400, null, 30);
}
