package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The chat workload: K agents and V visitors on one gateway. Visitors send open-loop at a fixed aggregate rate;
 * the send time (System.nanoTime of this JVM) travels in the message text and in the clientMsgId, so the
 * agent's receive time and the visitor's ack time can be turned into latencies without any bookkeeping map.
 */
final class ChatLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT_PREFIX = "bench ";

    private final Vertx vertx;
    private final WebSocketClient client;
    private final int port;
    private final String tenant;
    private final String origin;
    private final List<WebSocket> agents = new ArrayList<>();
    private final List<Visitor> visitors = new ArrayList<>();

    /** The current measurement window; replaced per target rate. */
    private volatile Latencies delivery = new Latencies(0, 0);
    private volatile Latencies acks = new Latencies(0, 0);
    final AtomicLong errors = new AtomicLong();

    ChatLoad(Vertx vertx, int port, String tenant, String origin) {
        this.vertx = vertx;
        this.port = port;
        this.tenant = tenant;
        this.origin = origin;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20).setMaxConnections(10_000));
    }

    /** One visitor socket and its open conversation. */
    private final class Visitor {
        final WebSocket socket;
        final CompletableFuture<String> conversation = new CompletableFuture<>();
        long nextMsg;

        Visitor(WebSocket socket) {
            this.socket = socket;
            socket.textMessageHandler(this::onFrame);
        }

        private void onFrame(String text) {
            long now = System.nanoTime();
            JsonNode frame = read(text);
            switch (frame.path("type").asText()) {
                case "ack" -> {
                    conversation.complete(frame.path("conversationId").asText());
                    long sent = sentNanos(frame.path("clientMsgId").asText());
                    if (sent > 0) {
                        acks.record(sent, now);
                    }
                }
                case "error" -> errors.incrementAndGet();
                default -> {
                    // welcome, conversation, the visitor's own message echoes: not measured
                }
            }
        }

        /** clientMsgId "m<n>-<nanos>": unique per visitor and conversation, and carries the send time. */
        void send(String conversationId, long nowNanos) {
            ObjectNode frame = JSON.createObjectNode().put("type", "send").put("clientMsgId", "m" + nextMsg++ + "-" + nowNanos);
            if (conversationId != null) {
                frame.put("conversationId", conversationId);
            }
            frame.put("text", TEXT_PREFIX + nowNanos);
            socket.writeTextMessage(frame.toString());
        }
    }

    void connectAgents(AgentTokens tokens, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            WebSocket socket = connect("/ws/agent", tokens.agent(tenant, "agent-" + i));
            socket.textMessageHandler(this::onAgentFrame);
            agents.add(socket);
        }
    }

    /** An agent's copy of a visitor message: receive time minus the send time in the text. */
    private void onAgentFrame(String text) {
        long now = System.nanoTime();
        JsonNode frame = read(text);
        if (frame.path("type").asText().equals("message")
                && frame.path("sender").path("kind").asText().equals("visitor")) {
            String body = frame.path("text").asText();
            if (body.startsWith(TEXT_PREFIX)) {
                delivery.record(Long.parseLong(body.substring(TEXT_PREFIX.length())), now);
            }
        }
    }

    /** Creates widget sessions, connects the visitors, and opens one conversation each with a first message. */
    void connectVisitors(int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            visitors.add(new Visitor(connect("/ws/visitor", visitorToken(http))));
        }
        for (Visitor visitor : visitors) {
            visitor.send(null, 0); // nanos 0: never inside a measurement window
        }
        // One deadline for all first acks, not 30 s per visitor: a broken platform must fail fast.
        CompletableFuture.allOf(visitors.stream().map(v -> v.conversation).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
    }

    /**
     * Sends at {@code ratePerSec} for warm-up + measurement, open-loop: the schedule never waits for acks, and a
     * late pacer catches up by sending what was due, so client stalls show up as latency rather than lower load.
     */
    Result run(int ratePerSec, long warmupMs, long measureMs, long drainMs) throws Exception {
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        long windowEnd = windowStart + TimeUnit.MILLISECONDS.toNanos(measureMs);
        Latencies deliveryWindow = new Latencies(windowStart, windowEnd);
        Latencies ackWindow = new Latencies(windowStart, windowEnd);
        delivery = deliveryWindow;
        acks = ackWindow;
        long errorsBefore = errors.get();
        long sentInWindow = 0;
        long sent = 0;
        int next = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= windowEnd) {
                break;
            }
            long due = (now - start) * ratePerSec / 1_000_000_000L;
            while (sent < due) {
                Visitor visitor = visitors.get(next);
                next = (next + 1) % visitors.size();
                long t = System.nanoTime();
                visitor.send(visitor.conversation.getNow(null), t);
                sent++;
                if (deliveryWindow.inWindow(t)) {
                    sentInWindow++;
                }
            }
            LockSupport.parkNanos(200_000);
        }
        Thread.sleep(drainMs); // let in-flight messages of the window arrive
        return new Result(ratePerSec, measureMs, sentInWindow, deliveryWindow.summary(), ackWindow.summary(),
                errors.get() - errorsBefore);
    }

    record Result(int rate, long measureMs, long sent, Latencies.Summary delivery, Latencies.Summary ack, long errors) {
    }

    private String visitorToken(HttpClient http) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/widget/sessions"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + tenant + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("widget session: " + response.statusCode() + " " + response.body());
        }
        return read(response.body()).path("token").asText();
    }

    private WebSocket connect(String path, String token) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .addHeader("Authorization", "Bearer " + token).addHeader("Origin", origin);
        return client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static long sentNanos(String clientMsgId) {
        int dash = clientMsgId.indexOf('-');
        return dash < 0 ? -1 : Long.parseLong(clientMsgId.substring(dash + 1));
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable frame: " + text, e);
        }
    }

    @Override
    public void close() {
        visitors.forEach(v -> v.socket.close());
        agents.forEach(WebSocket::close);
        client.close();
    }
}
