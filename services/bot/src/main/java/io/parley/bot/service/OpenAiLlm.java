package io.parley.bot.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.parley.bot.config.BotServiceConfig;
import io.parley.bot.domain.ModelSettings;
import io.parley.bot.prompt.RenderedPrompt;

/**
 * Any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp) through LangChain4j's OpenAI chat model. The
 * model may call one tool, {@code handoff_to_human}; that call is the model's handoff decision.
 */
public final class OpenAiLlm implements Llm {

    public static final String HANDOFF_TOOL = "handoff_to_human";

    static final ToolSpecification HANDOFF = ToolSpecification.builder()
            .name(HANDOFF_TOOL)
            .description("Hand the conversation to a human agent when you cannot solve the visitor's problem "
                    + "from the knowledge passages, or the visitor needs a person.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("reason", "why a human is needed")
                    .addStringProperty("summary", "one or two sentences for the agent: what the visitor wants")
                    .required("reason", "summary")
                    .build())
            .build();

    private record Key(String baseUrl, String model, String apiKey, double temperature, int maxTokens, int timeout) {
    }

    private final BotServiceConfig.Llm defaults;
    private final Map<Key, ChatModel> models = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public OpenAiLlm(BotServiceConfig.Llm defaults) {
        this.defaults = defaults;
    }

    private String baseUrl(ModelSettings s) {
        return s.baseUrl() != null ? s.baseUrl() : defaults.baseUrl().filter(u -> !u.isBlank()).orElse(null);
    }

    @Override
    public boolean available(ModelSettings settings) {
        return baseUrl(settings) != null;
    }

    @Override
    public Result complete(ModelSettings s, RenderedPrompt prompt, double temperature, int maxTokens) {
        String apiKey = s.apiKeyEnv() != null ? System.getenv(s.apiKeyEnv()) : null;
        if (apiKey == null || apiKey.isBlank()) {
            apiKey = defaults.apiKey().filter(k -> !k.isBlank()).orElse("none");
        }
        Key key = new Key(baseUrl(s), s.model() != null ? s.model() : defaults.model(), apiKey, temperature, maxTokens,
                s.timeoutSeconds());
        ChatModel model = models.computeIfAbsent(key, k -> OpenAiChatModel.builder()
                .baseUrl(k.baseUrl())
                .apiKey(k.apiKey())
                .modelName(k.model())
                .temperature(k.temperature())
                .maxTokens(k.maxTokens())
                .timeout(Duration.ofSeconds(k.timeout()))
                .maxRetries(1)
                .build());
        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .toolSpecifications(List.of(HANDOFF))
                .build());
        int tokens = response.tokenUsage() != null && response.tokenUsage().totalTokenCount() != null
                ? response.tokenUsage().totalTokenCount() : 0;
        AiMessage ai = response.aiMessage();
        if (ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                if (HANDOFF_TOOL.equals(call.name())) {
                    String reason = "";
                    String summary = "";
                    try {
                        JsonNode args = json.readTree(call.arguments() == null ? "{}" : call.arguments());
                        reason = args.path("reason").asText("");
                        summary = args.path("summary").asText("");
                    } catch (Exception e) {
                        summary = call.arguments();
                    }
                    return new HandoffCall(reason, summary, tokens);
                }
            }
        }
        return new Text(ai.text() == null ? "" : ai.text(), tokens);
    }
}
