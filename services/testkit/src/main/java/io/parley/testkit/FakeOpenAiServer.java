package io.parley.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A deterministic OpenAI-compatible chat server over real HTTP on 127.0.0.1, playing the model in tests (the bot's
 * own tests, and the gateway's ITs that run the bot service against it).
 * {@code POST /v1/chat/completions} answers from the user message:
 * <ul>
 * <li>the system message asks to classify sentiment: a JSON verdict by keywords ({@link #NEGATIVE}, {@link #POSITIVE});</li>
 * <li>it mentions an invoice (发票 / invoice): the model calls {@code handoff_to_human};</li>
 * <li>it asks for the system prompt: the model (naively) prints the system message back;</li>
 * <li>a knowledge passage is present: two short points naming the passage's id;</li>
 * <li>otherwise: a fixed sentence.</li>
 * </ul>
 * Every request body is kept; {@code GET /requests} returns them as a JSON array.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/requests", this::requests);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<String> requests() {
        return requests;
    }

    private void requests(HttpExchange ex) throws IOException {
        ArrayNode all = json.createArrayNode();
        for (String r : requests) {
            all.add(json.readTree(r));
        }
        send(ex, 200, json.writeValueAsBytes(all));
    }

    private void chat(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        JsonNode req = json.readTree(body);
        String system = "";
        String user = "";
        for (JsonNode m : req.path("messages")) {
            if (m.path("role").asText().equals("system")) {
                system = m.path("content").asText();
            } else if (m.path("role").asText().equals("user")) {
                user = m.path("content").isTextual() ? m.path("content").asText() : m.path("content").toString();
            }
        }
        ObjectNode message = json.createObjectNode().put("role", "assistant");
        String finish = "stop";
        String question = between(user, "<visitor_message>", "</visitor_message>");
        if (system.startsWith("Classify the sentiment")) {
            message.put("content", sentiment(question));
        } else if (question.contains("发票") || question.toLowerCase().contains("invoice")) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call_1").put("type", "function");
            call.putObject("function").put("name", "handoff_to_human").put("arguments",
                    "{\"reason\":\"invoice needs a person\",\"summary\":\"Visitor asks about an invoice\"}");
            finish = "tool_calls";
        } else if (question.toLowerCase().contains("system prompt")) {
            message.put("content", "Of course. " + system);
        } else if (user.contains("<knowledge id=\"")) {
            String id = between(user, "<knowledge id=\"", "\"");
            message.put("content", "**要点**\n- 依据 " + id + "\n- 按页面提示操作");
        } else {
            message.put("content", "I can help with orders.");
        }
        ObjectNode response = json.createObjectNode();
        response.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_700_000_000L)
                .put("model", req.path("model").asText("fake"));
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        response.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        send(ex, 200, json.writeValueAsBytes(response));
    }

    static final List<String> NEGATIVE = List.of("差", "生气", "失望", "糟糕", "垃圾", "气死", "terrible", "angry",
            "worst", "furious", "awful");
    static final List<String> POSITIVE = List.of("谢谢", "太好了", "满意", "thanks", "great", "love");

    /** The sentiment "model": keywords, so tests know what it will say (and can tell it from the local baseline). */
    private static String sentiment(String text) {
        String lower = text.toLowerCase();
        if (NEGATIVE.stream().anyMatch(lower::contains)) {
            return "{\"label\":\"negative\",\"score\":-0.9}";
        }
        if (POSITIVE.stream().anyMatch(lower::contains)) {
            return "Sure: {\"label\": \"positive\", \"score\": 0.8}";
        }
        return "{\"label\":\"neutral\",\"score\":0.0}";
    }

    private static String between(String s, String start, String end) {
        int a = s.indexOf(start);
        if (a < 0) {
            return "";
        }
        a += start.length();
        int b = s.indexOf(end, a);
        return b < 0 ? s.substring(a) : s.substring(a, b);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
