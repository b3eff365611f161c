package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Client-side steps shared by the multi-process tests. */
public final class ChatClients {
    private ChatClients() {
    }

    public static String send(String clientMsgId, String conversationId, String text) {
        return Json.write(conversationId == null
                ? Map.of("type", "send", "clientMsgId", clientMsgId, "text", text)
                : Map.of("type", "send", "clientMsgId", clientMsgId, "conversationId", conversationId, "text", text));
    }

    public static String visitorToken(int port, String tenant, String origin) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/widget/sessions"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + tenant + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return Json.read(response.body(), JsonNode.class).get("token").asText();
    }

    /**
     * Reads frames into {@code seen} until it holds the given number of the sender's own acks; false when the
     * time is up or the socket died first.
     */
    public static boolean pump(TestSocket socket, SeenMessages seen, String name, int acksWanted, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (seen.acks.size() < acksWanted && System.currentTimeMillis() < deadline) {
            JsonNode frame = socket.frames.poll(50, TimeUnit.MILLISECONDS);
            if (frame == null) {
                if (socket.socket.isClosed() && socket.frames.isEmpty()) {
                    return false;
                }
                continue;
            }
            String type = frame.path("type").asText();
            if (type.equals("ack") || type.equals("message") || type.equals("error")) {
                seen.accept(frame, name);
            }
        }
        return seen.acks.size() >= acksWanted;
    }
}
