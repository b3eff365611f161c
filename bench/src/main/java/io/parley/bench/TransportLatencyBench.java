package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.ServiceProcess;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The fallback transport beside the WebSocket (docs/protocol.md): a visitor's send to its durable ack, over a
 * WebSocket and over Server-Sent Events + POST, measured in the same run against the same gateway and routing,
 * rounds alternating so both see the same machine. Closed loop, one message in flight per client, like a person
 * typing: the figure is the round trip one visitor sees, not throughput.
 *
 * <p>Settings (system properties, defaults in brackets): clients per transport [10], messages per client per round
 * [100], rounds [3], repo [..], gatewayPort [28080], routingPort [28081].
 */
public final class TransportLatencyBench {
    private static final String ORIGIN = ChatLatencyBench.ORIGIN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One visitor on one transport: send(text) returns when its ack arrived. */
    private interface Client extends AutoCloseable {
        void send(String clientMsgId, String text) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 10);
        int messages = Integer.getInteger("messages", 100);
        int rounds = Integer.getInteger("rounds", 3);
        Path repo = Path.of(System.getProperty("repo", "..")).toAbsolutePath().normalize();
        int gatewayPort = Integer.getInteger("gatewayPort", 28080);
        int routingPort = Integer.getInteger("routingPort", 28081);
        Path logDir = repo.resolve("bench/target");
        Files.createDirectories(logDir);
        AgentTokens tokens = new AgentTokens();
        Map<String, String> routingEnv = BenchEnv.routing(routingPort);
        Map<String, String> gatewayEnv = BenchEnv.gateway(gatewayPort, tokens);

        Map<String, List<Double>> p50 = new HashMap<>(), p99 = new HashMap<>();
        try (ServiceProcess routing = ServiceProcess.start("routing", repo.resolve("services/routing"), routingPort,
                routingEnv, logDir.resolve("bench-routing.log"), 512, Duration.ofSeconds(90));
                ServiceProcess gateway = ServiceProcess.start("gateway", repo.resolve("services/gateway"), gatewayPort,
                        gatewayEnv, logDir.resolve("bench-gateway.log"), 512, Duration.ofSeconds(90))) {
            String base = "http://127.0.0.1:" + gateway.port;
            String tenant = "transport-" + UUID.randomUUID().toString().substring(0, 8);
            Vertx vertx = Vertx.vertx();
            ChatLatencyBench.insertTenant(vertx, tenant, 0, 1);
            vertx.close();
            for (int round = 1; round <= rounds; round++) {
                for (String transport : List.of("websocket", "fallback")) {
                    long[] samples = run(base, tenant, transport, clients, messages);
                    double[] figures = { pct(samples, 50), pct(samples, 99) };
                    p50.computeIfAbsent(transport, t -> new ArrayList<>()).add(figures[0]);
                    p99.computeIfAbsent(transport, t -> new ArrayList<>()).add(figures[1]);
                    log(String.format(Locale.ROOT, "round %d %s: %d acks, p50 %.1f ms, p99 %.1f ms", round, transport,
                            samples.length, figures[0], figures[1]));
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Send -> durable ack, one visitor's round trip, %d clients per transport, one message in flight each,"
                        + " %d messages per client per round, %d rounds alternating (median of the rounds, range in"
                        + " brackets):%n%n| transport | p50 ms | p99 ms |%n|---|---|---|%n", clients, messages, rounds));
        for (String transport : List.of("websocket", "fallback")) {
            report.append(String.format(Locale.ROOT, "| %s | %s | %s |%n",
                    "websocket".equals(transport) ? "WebSocket" : "fallback (SSE + POST)", spread(p50.get(transport)),
                    spread(p99.get(transport))));
        }
        System.out.println(report);
        Path out = repo.resolve("bench/results-transport-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(out, report.toString());
        log("written " + out);
        System.exit(0);
    }

    /** Every client sends its messages one at a time; returns the round trips in nanoseconds. */
    private static long[] run(String base, String tenant, String transport, int clients, int messages)
            throws Exception {
        List<Client> open = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String token = session(base, tenant);
            open.add("websocket".equals(transport) ? new SocketClient(base, token) : new StreamClient(base, token));
        }
        // One first send each opens the conversations (not measured: routing assigns and the bot is not involved).
        for (Client c : open) {
            c.send("open-" + UUID.randomUUID(), "hello");
        }
        long[] samples = new long[clients * messages];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = open.get(i);
            int slot = i * messages;
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    for (int m = 0; m < messages; m++) {
                        long start = System.nanoTime();
                        client.send("m-" + UUID.randomUUID(), "message " + m);
                        samples[slot + m] = System.nanoTime() - start;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Client c : open) {
            c.close();
        }
        return samples;
    }

    /** A visitor socket (java.net.http's WebSocket, so both transports use the same HTTP stack). */
    private static final class SocketClient implements Client, WebSocket.Listener {
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;
        private String conversationId;

        SocketClient(String base, String token) throws Exception {
            socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token).header("Origin", ORIGIN)
                    .buildAsync(URI.create(base.replace("http", "ws") + "/ws/visitor"), this).get(10, TimeUnit.SECONDS);
            await(frames, "welcome");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(read(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void send(String clientMsgId, String text) throws Exception {
            socket.sendText(sendFrame(clientMsgId, conversationId, text), true).get(10, TimeUnit.SECONDS);
            conversationId = await(frames, "ack").path("conversationId").asText();
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    /** A visitor on the fallback: the event stream read on a thread, one POST per frame. */
    private static final class StreamClient implements Client {
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final String base;
        private final String token;
        private final InputStream body;
        private volatile String streamId;
        private String conversationId;

        StreamClient(String base, String token) throws Exception {
            this.base = base;
            this.token = token;
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/widget/stream"))
                    .header("Authorization", "Bearer " + token).header("Origin", ORIGIN).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stream refused: " + response.statusCode());
            }
            body = response.body();
            Thread.ofPlatform().daemon().start(this::read);
            await(frames, "welcome");
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    if (line.startsWith("data: ")) {
                        JsonNode data = read(line.substring(6));
                        if (data.has("streamId")) {
                            streamId = data.path("streamId").asText();
                        } else {
                            frames.add(data);
                        }
                    }
                }
            } catch (Exception e) {
                // closed
            }
        }

        private static JsonNode read(String json) {
            return TransportLatencyBench.read(json);
        }

        @Override
        public void send(String clientMsgId, String text) throws Exception {
            HttpResponse<Void> posted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/widget/stream/"
                    + streamId + "/frames")).header("Authorization", "Bearer " + token).header("Origin", ORIGIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(sendFrame(clientMsgId, conversationId, text))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (posted.statusCode() != 202) {
                throw new IllegalStateException("POST refused: " + posted.statusCode());
            }
            conversationId = await(frames, "ack").path("conversationId").asText();
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    private static String session(String base, String tenant) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/widget/sessions"))
                .header("Content-Type", "application/json").header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + tenant + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return read(response.body()).path("token").asText();
    }

    private static String sendFrame(String clientMsgId, String conversationId, String text) {
        return "{\"type\":\"send\",\"clientMsgId\":\"" + clientMsgId + "\""
                + (conversationId == null ? "" : ",\"conversationId\":\"" + conversationId + "\"") + ",\"text\":\""
                + text + "\"}";
    }

    private static JsonNode await(BlockingQueue<JsonNode> frames, String type) throws InterruptedException {
        for (;;) {
            JsonNode frame = frames.poll(15, TimeUnit.SECONDS);
            if (frame == null) {
                throw new IllegalStateException("no " + type + " within 15 s");
            }
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
            if ("error".equals(frame.path("type").asText())) {
                throw new IllegalStateException("error frame: " + frame);
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double pct(long[] samples, int pct) {
        long[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String spread(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private static void log(String line) {
        System.err.println("[bench] " + line);
    }
}
