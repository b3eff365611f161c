package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.parley.gateway.visitor.IdentityVerification;
import io.parley.testkit.ServiceProcess;
import io.parley.testkit.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Skills routing end to end, through two routing processes sharing the work: 200 visitors (every seventh a
 * verified VIP) arrive at once against 10 agents of capacity 3. Then agents close conversations round after
 * round. Throughout: no agent ever holds more than 3 (sampled continuously from PostgreSQL), the waiting line
 * is served strictly VIP first then first in, first out, and every waiting visitor's latest {@code position}
 * is its exact place in that line.
 */
class SkillsRoutingIT {
    static final String ORIGIN = "https://shop.example";
    static final int VISITORS = 200;
    static final int AGENTS = 10;
    static final int CAPACITY = 3;
    static final String SECRET = "identity-secret-of-the-test-tenant";

    static Vertx vertx;
    static ServiceProcess routing1;
    static ServiceProcess routing2;
    static ServiceProcess gateway;
    static Pool db;

    @BeforeAll
    static void startPlatform() throws Exception {
        vertx = Vertx.vertx();
        Map<String, String> gatewayEnv = RoutingProcessResource.staticKeyGatewayEnv();
        routing1 = ServiceProcess.startModule("skills-routing-1", "routing", 18581, RoutingProcessResource.TEST_DATABASE);
        routing2 = ServiceProcess.startModule("skills-routing-2", "routing", 18582, RoutingProcessResource.TEST_DATABASE);
        gateway = ServiceProcess.startModule("skills-gateway", "gateway", 18591, gatewayEnv);
        db = RoutingProcessResource.testDatabase(vertx);
    }

    @AfterAll
    static void stopPlatform() {
        for (ServiceProcess p : new ServiceProcess[] { gateway, routing2, routing1 }) {
            if (p != null) {
                p.close();
            }
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    String tenant;

    /** Conversation id -> assignee, for the tenant's assigned conversations. */
    Map<String, String> assigned() throws Exception {
        Map<String, String> result = new HashMap<>();
        for (Row row : await(db.preparedQuery(
                "SELECT id, assignee_id FROM conversation WHERE tenant_id = $1 AND status = 'assigned'")
                .execute(Tuple.of(tenant)))) {
            result.put(row.getString("id"), row.getString("assignee_id"));
        }
        return result;
    }

    /** The waiting line as it must be served: VIP first, then queue time (ms), ties by id. */
    List<String> waitingLine() throws Exception {
        List<String> line = new ArrayList<>();
        for (Row row : await(db.preparedQuery("""
                SELECT id FROM conversation WHERE tenant_id = $1 AND status = 'queued'
                ORDER BY priority DESC, floor(extract(epoch FROM queued_at) * 1000), id""")
                .execute(Tuple.of(tenant)))) {
            line.add(row.getString("id"));
        }
        return line;
    }

    /** One visitor's socket and the latest queue place it was told. */
    record Visitor(TestSocket socket, String[] conversation, int[] position) {
        void drain() {
            JsonNode frame;
            while ((frame = socket.frames.poll()) != null) {
                String type = frame.path("type").asText();
                if (type.equals("ack")) {
                    conversation[0] = frame.path("conversationId").asText();
                } else if (type.equals("conversation")) {
                    position[0] = frame.path("status").asText().equals("queued") ? frame.path("position").asInt(-1)
                            : 0;
                }
            }
        }
    }

    /** Waits until the assigned count is as expected and every waiting visitor shows their exact place. */
    void awaitConsistent(List<Visitor> visitors, int expectedAssigned) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String problem = "";
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            visitors.forEach(Visitor::drain);
            Map<String, String> assigned = assigned();
            List<String> line = waitingLine();
            if (assigned.size() != expectedAssigned) {
                problem = assigned.size() + " assigned, expected " + expectedAssigned;
                continue;
            }
            Map<String, Integer> place = new HashMap<>();
            for (int i = 0; i < line.size(); i++) {
                place.put(line.get(i), i + 1);
            }
            problem = "";
            for (Visitor v : visitors) {
                Integer expected = place.get(v.conversation()[0]);
                if (expected != null && v.position()[0] != expected) {
                    problem = "visitor of " + v.conversation()[0] + " shows " + v.position()[0] + ", is " + expected;
                    break;
                }
            }
            if (problem.isEmpty()) {
                return;
            }
        }
        throw new AssertionError("not consistent within 60 s: " + problem);
    }

    @Test
    void twoRoutersServeTheLineInOrderWithinCapacity() throws Exception {
        tenant = "skills-" + UUID.randomUUID().toString().substring(0, 8);
        await(db.preparedQuery("INSERT INTO tenant (id, name, allowed_origins, identity_secret) VALUES ($1, $1, $2, $3)")
                .execute(Tuple.of(tenant, new String[] { ORIGIN }, SECRET)));
        List<TestSocket> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            await(db.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, capacity) VALUES ($1, $2, $3)")
                    .execute(Tuple.of(tenant, "agent-" + a, CAPACITY)));
            TestSocket agent = TestSocket.connect(vertx, gateway.port, "/ws/agent",
                    TestTokens.token(tenant, "agent-" + a, "agent"), ORIGIN);
            assertEquals("welcome", agent.next().path("type").asText());
            agents.add(agent);
        }

        // Capacity is sampled all along, not only at the checkpoints.
        AtomicLong worst = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (Row row : await(db.preparedQuery("""
                            SELECT count(*) AS n FROM conversation WHERE tenant_id = $1 AND status = 'assigned'
                            GROUP BY assignee_id""").execute(Tuple.of(tenant)))) {
                        worst.accumulateAndGet(row.getLong("n"), Math::max);
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a slow sample is skipped
                }
            }
        });
        sampler.start();

        // Everyone arrives at once: sessions (every seventh a verified VIP), sockets, first messages.
        List<Visitor> visitors = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Visitor>> arrivals = new ArrayList<>();
        for (int i = 0; i < VISITORS; i++) {
            int n = i;
            arrivals.add(pool.submit(() -> arrive(n)));
        }
        for (Future<Visitor> arrival : arrivals) {
            visitors.add(arrival.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        awaitConsistent(visitors, AGENTS * CAPACITY);
        long vipsWaiting = await(db.preparedQuery(
                "SELECT count(*) FROM conversation WHERE tenant_id = $1 AND status = 'queued' AND priority > 0")
                .execute(Tuple.of(tenant))).iterator().next().getLong(0);

        // Round after round every agent closes one conversation; exactly the heads of the line take their place.
        Set<String> served = new HashSet<>(assigned().keySet());
        int rounds = 0;
        while (served.size() < VISITORS) {
            List<String> line = waitingLine();
            Map<String, String> before = assigned();
            Map<String, String> closing = new HashMap<>(); // agent -> conversation
            before.forEach((conv, agent) -> closing.putIfAbsent(agent, conv));
            for (int a = 0; a < AGENTS; a++) {
                String conv = closing.get("agent-" + a);
                if (conv != null) {
                    agents.get(a).send(ChatPathTest.action("close-" + conv, conv, "close", ""));
                    assertEquals("done", agents.get(a).next("done").path("type").asText());
                }
            }
            int freed = closing.size();
            int expectedAssigned = Math.min(before.size() - freed + Math.min(freed, line.size()), AGENTS * CAPACITY);
            awaitConsistent(visitors, expectedAssigned);
            Set<String> newly = new HashSet<>(assigned().keySet());
            newly.removeAll(before.keySet());
            assertEquals(Set.copyOf(line.subList(0, Math.min(freed, line.size()))), newly,
                    "round " + rounds + ": the heads of the line were served");
            served.addAll(newly);
            rounds++;
            assertTrue(rounds < 100, "rounds");
        }
        sampler.interrupt();
        sampler.join();
        assertTrue(worst.get() <= CAPACITY, "an agent held " + worst.get());
        assertTrue(worst.get() == CAPACITY, "agents were filled to capacity");
        System.out.printf("SkillsRoutingIT: %d visitors (%d VIPs waiting at first), %d agents x %d, two routers, "
                + "%d rounds; max held %d%n", VISITORS, vipsWaiting, AGENTS, CAPACITY, rounds, worst.get());
        visitors.forEach(v -> v.socket().close());
        agents.forEach(TestSocket::close);
    }

    Visitor arrive(int n) throws Exception {
        String visitorId = "visitor-" + n;
        boolean vip = n % 7 == 3;
        String body = Json.write(vip
                ? Map.of("tenant", tenant, "visitorId", visitorId, "routing", Map.of("vip", true),
                        "identityHash", IdentityVerification.hash(SECRET, visitorId))
                : Map.of("tenant", tenant, "visitorId", visitorId));
        HttpResponse<String> session = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + gateway.port + "/api/v1/widget/sessions"))
                .header("Content-Type", "application/json").header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, session.statusCode(), session.body());
        String token = Json.read(session.body(), JsonNode.class).get("token").asText();
        TestSocket socket = TestSocket.connect(vertx, gateway.port, "/ws/visitor", token, ORIGIN);
        assertEquals("welcome", socket.next().path("type").asText());
        socket.send(ChatClients.send("first", null, "hello from " + visitorId));
        return new Visitor(socket, new String[1], new int[] { -1 });
    }
}
