package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A protocol client for tests: connects like a non-browser client and queues every frame it receives. */
public final class TestSocket implements AutoCloseable {
    public final WebSocket socket;
    public final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<Short> closed = new CompletableFuture<>();
    private final WebSocketClient client;

    private TestSocket(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> frames.add(Json.read(text, JsonNode.class)));
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }

    public static TestSocket connect(Vertx vertx, int port, String path, String token, String origin) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path);
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        // The handlers are set as the handshake completes, on the socket's event loop: set later from this thread,
        // a frame the server sends at once (the welcome) could arrive before them and be dropped.
        return client.connect(options).map(socket -> new TestSocket(client, socket)).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The HTTP status of a refused upgrade. */
    public static int rejection(Vertx vertx, int port, String path, String token, String origin) throws Exception {
        try (TestSocket ignored = connect(vertx, port, path, token, origin)) {
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
    }

    public void send(String text) {
        socket.writeTextMessage(text);
    }

    public JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(20, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame within 20 s");
        return frame;
    }

    /** Skips frames until one of the given type arrives. */
    public JsonNode next(String type) throws InterruptedException {
        while (true) {
            JsonNode frame = next();
            if (frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        client.close();
    }
}
