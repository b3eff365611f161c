package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.parley.testkit.ServiceProcess;
import io.parley.testkit.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guarantees 1 and 6 against real failures: an acked message survives {@code kill -9} of the routing process
 * and a restart of Redis (which loses everything it held), and while PostgreSQL is unreachable a send gets
 * {@code unavailable}, never an ack, and its resend after recovery is stored exactly once. The test owns a
 * Redis server and a cuttable path from routing to PostgreSQL so it can break them without disturbing the
 * shared services.
 */
class FailureRecoveryIT {
    static final String ORIGIN = "https://shop.example";
    static final int ROUTING_PORT = 18381;
    static final int GATEWAY_PORT = 18391;
    static final int REDIS_PORT = 18379;
    static final int DB_PROXY_PORT = 18432;
    static final int WINDOW = 20;

    static Vertx vertx;
    static PrivateRedis redis;
    static CuttableProxy database;
    static Map<String, String> routingEnv;
    static ServiceProcess routing;
    static ServiceProcess gateway;
    static Pool db;

    @BeforeAll
    static void startPlatform() throws Exception {
        vertx = Vertx.vertx();
        redis = new PrivateRedis(REDIS_PORT);
        database = new CuttableProxy(DB_PROXY_PORT, 5432);
        routingEnv = new HashMap<>(RoutingProcessResource.TEST_DATABASE);
        routingEnv.put("PARLEY_DB_REACTIVE_URL", "postgresql://127.0.0.1:" + DB_PROXY_PORT + "/parley_test");
        routingEnv.put("PARLEY_REDIS_URL", redis.url());
        Map<String, String> gatewayEnv = RoutingProcessResource.streamingGatewayEnv();
        gatewayEnv.put("PARLEY_REDIS_URL", redis.url());
        gatewayEnv.put("PARLEY_ACK_TIMEOUT", "PT5S");
        routing = ServiceProcess.startModule("failure-routing", "routing", ROUTING_PORT, routingEnv);
        gateway = ServiceProcess.startModule("failure-gateway", "gateway", GATEWAY_PORT, gatewayEnv);
        db = RoutingProcessResource.testDatabase(vertx);
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] { gateway, routing, database, redis }) {
            if (part != null) {
                part.close();
            }
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    /** A visitor with a conversation served by agent alice, both on the gateway. */
    record Chat(String tenant, String token, TestSocket visitor, TestSocket agent, String conversation,
            SeenMessages visitorSeen, SeenMessages agentSeen) implements AutoCloseable {

        static Chat open() throws Exception {
            String tenant = "fail-" + UUID.randomUUID().toString().substring(0, 8);
            await(db.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                    .execute(Tuple.of(tenant, (Object) new String[] { ORIGIN })));
            TestSocket agent = TestSocket.connect(vertx, GATEWAY_PORT, "/ws/agent",
                    TestTokens.token(tenant, "alice", "agent"), ORIGIN);
            assertEquals("welcome", agent.next().path("type").asText());
            String token = ChatClients.visitorToken(GATEWAY_PORT, tenant, ORIGIN);
            TestSocket visitor = TestSocket.connect(vertx, GATEWAY_PORT, "/ws/visitor", token, ORIGIN);
            assertEquals("welcome", visitor.next().path("type").asText());
            SeenMessages visitorSeen = new SeenMessages();
            visitor.send(ChatClients.send("v0", null, "visitor 0"));
            assertTrue(ChatClients.pump(visitor, visitorSeen, "visitor", 1, 20_000), "first ack");
            String conversation = visitorSeen.acks.get("v0").path("conversationId").asText();
            assertEquals("alice", agent.next("conversation").path("assignee").path("id").asText());
            return new Chat(tenant, token, visitor, agent, conversation, visitorSeen, new SeenMessages());
        }

        /**
         * Sends v{from}..v{to-1} with at most WINDOW unacknowledged, resending (same clientMsgId) whatever comes
         * back {@code unavailable}, as the widget does; {@code during} runs between pumps (to break things).
         */
        int sendAll(int from, int to, Runnable during) throws InterruptedException {
            int next = from;
            int resent = 0;
            long deadline = System.currentTimeMillis() + 120_000;
            while (visitorSeen.acks.size() < to) {
                assertTrue(System.currentTimeMillis() < deadline, "stalled at " + visitorSeen.acks.size() + " acks");
                while (next < to && next - visitorSeen.acks.size() < WINDOW) {
                    visitor.send(ChatClients.send("v" + next, conversation, "visitor " + next));
                    next++;
                }
                ChatClients.pump(visitor, visitorSeen, "visitor", visitorSeen.acks.size() + 1, 500);
                for (String ref : visitorSeen.unavailable) {
                    visitorSeen.unavailable.remove(ref);
                    if (!visitorSeen.acks.containsKey(ref)) {
                        visitor.send(ChatClients.send(ref, conversation, "visitor " + ref.substring(1)));
                        resent++;
                    }
                }
                ChatClients.pump(agent, agentSeen, "agent", Integer.MAX_VALUE, 0);
                during.run();
            }
            return resent;
        }

        /** Every stored row: seq 1..n, acked under its clientMsgId with the same id, seen by the agent in order. */
        void assertEverythingAckedIsStoredOnceInOrder(int expected) throws Exception {
            long deadline = System.currentTimeMillis() + 30_000;
            while (agentSeen.highest < expected && System.currentTimeMillis() < deadline) {
                ChatClients.pump(agent, agentSeen, "agent", Integer.MAX_VALUE, 100);
            }
            RowSet<Row> rows = await(db.preparedQuery(
                    "SELECT seq, id, client_msg_id FROM message WHERE conversation_id = $1 ORDER BY seq")
                    .execute(Tuple.of(conversation)));
            assertEquals(expected, rows.size(), "stored messages");
            long seq = 1;
            for (Row row : rows) {
                assertEquals(seq, row.getLong("seq"), "seqs have no gaps");
                JsonNode ack = visitorSeen.acks.get(row.getString("client_msg_id"));
                assertNotNull(ack, "stored but never acked: " + row.getString("client_msg_id"));
                assertEquals(row.getString("id"), ack.path("id").asText());
                assertEquals(row.getString("id"), agentSeen.idBySeq.get(seq), "agent holds seq " + seq);
                seq++;
            }
            assertEquals(expected, agentSeen.highest, "agent holds every seq");
            assertEquals(expected, historyCount(), "history API returns every acked message");
        }

        long historyCount() throws Exception {
            long count = 0;
            long after = 0;
            while (true) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + GATEWAY_PORT + "/api/v1/conversations/" + conversation
                                + "/messages?afterSeq=" + after + "&limit=500"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), page.body());
                JsonNode messages = Json.read(page.body(), JsonNode.class).path("messages");
                if (messages.isEmpty()) {
                    return count;
                }
                count += messages.size();
                after = messages.get(messages.size() - 1).path("seq").asLong();
            }
        }

        @Override
        public void close() {
            visitor.close();
            agent.close();
        }
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    void ackedMessagesSurviveKillingRoutingAndRestartingRedis() throws Exception {
        try (Chat chat = Chat.open()) {
            // kill -9 routing after 100 acks while sends are in flight; start a new one; keep sending.
            boolean[] killed = { false };
            Thread[] restart = { null };
            int resent = chat.sendAll(1, 300, () -> {
                if (!killed[0] && chat.visitorSeen.acks.size() >= 100) {
                    killed[0] = true;
                    try {
                        routing.kill();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    restart[0] = new Thread(() -> {
                        try {
                            routing = ServiceProcess.startModule("failure-routing-2", "routing", ROUTING_PORT, routingEnv);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    restart[0].start();
                }
            });
            assertTrue(killed[0]);
            restart[0].join(60_000);

            // Redis loses everything (subscriptions, presence, counters); the path heals and nothing is lost.
            redis.kill();
            redis.start();
            resent += chat.sendAll(300, 400, () -> { });
            chat.assertEverythingAckedIsStoredOnceInOrder(400);
            System.out.printf("FailureRecoveryIT: routing killed after 100 acks, Redis restarted after 300;"
                    + " %d sends resent after unavailable; 400 stored once, in order%n", resent);
        }
    }

    @Test
    void whilePostgresIsUnreachableSendsGetUnavailableAndTheResendIsStoredOnce() throws Exception {
        try (Chat chat = Chat.open()) {
            database.cut();
            try {
                chat.visitor.send(ChatClients.send("p1", chat.conversation, "while the database is down"));
                JsonNode error = chat.visitor.next("error");
                assertEquals("unavailable", error.path("code").asText());
                assertEquals("p1", error.path("ref").asText());
                assertFalse(chat.visitorSeen.acks.containsKey("p1"));
                assertEquals(503, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + ROUTING_PORT + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), "routing reports itself not ready");
            } finally {
                database.restore();
            }
            // The widget resends what was refused; routing also retries the batch it holds: one row either way.
            chat.visitorSeen.unavailable.clear();
            chat.visitor.send(ChatClients.send("p1", chat.conversation, "while the database is down"));
            assertTrue(ChatClients.pump(chat.visitor, chat.visitorSeen, "visitor", 2, 30_000), "ack after recovery");
            assertTrue(chat.visitorSeen.acks.containsKey("p1"));
            long copies = await(db.preparedQuery(
                    "SELECT count(*) FROM message WHERE conversation_id = $1 AND client_msg_id = 'p1'")
                    .execute(Tuple.of(chat.conversation))).iterator().next().getLong(0);
            assertEquals(1, copies);
            chat.assertEverythingAckedIsStoredOnceInOrder(2);
        }
    }
}
