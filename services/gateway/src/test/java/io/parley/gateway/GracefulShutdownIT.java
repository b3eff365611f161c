package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.json.Json;
import io.parley.testkit.ServiceProcess;
import io.parley.testkit.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rolling updates lose nothing: two routing processes (one consumer group) and two gateways on the real PostgreSQL,
 * Redis and Kafka. A visitor on gateway 1 streams sends to an agent on gateway 2. Gateway 1 gets SIGTERM: its
 * readiness goes down and new sockets get 503 while its shutdown delay runs, then it closes the visitor's socket
 * with 1012; the visitor reconnects to gateway 2 at once, resumes, resends what was not acked. Then routing 1 gets
 * SIGTERM under the same load: it finishes the batch in hand and commits, routing 2 takes its partitions. In the
 * end every acked send is stored exactly once, in order, and both sides hold every seq.
 */
class GracefulShutdownIT {
    static final int TOTAL = 600;
    static final int WINDOW = 30;
    static final String ORIGIN = "https://shop.example";

    static Vertx vertx;
    static ServiceProcess routing1;
    static ServiceProcess routing2;
    static ServiceProcess gateway1;
    static ServiceProcess gateway2;
    static Pool db;

    @BeforeAll
    static void startPlatform() throws Exception {
        vertx = Vertx.vertx();
        Map<String, String> gatewayEnv = RoutingProcessResource.streamingGatewayEnv();
        Map<String, String> stopping = new HashMap<>(gatewayEnv);
        stopping.put("PARLEY_SHUTDOWN_DELAY", "PT3S");
        routing1 = ServiceProcess.startModule("gs-routing-1", "routing", 18781, RoutingProcessResource.TEST_DATABASE);
        routing2 = ServiceProcess.startModule("gs-routing-2", "routing", 18782, RoutingProcessResource.TEST_DATABASE);
        gateway1 = ServiceProcess.startModule("gs-gateway-1", "gateway", 18791, stopping);
        gateway2 = ServiceProcess.startModule("gs-gateway-2", "gateway", 18792, gatewayEnv);
        db = RoutingProcessResource.testDatabase(vertx);
    }

    @AfterAll
    static void stopPlatform() {
        StoredThread.stop(vertx, gateway2, gateway1, routing2, routing1);
    }

    @Test
    void sigtermToAGatewayAndToRoutingUnderLoadLosesNothing() throws Exception {
        String tenant = StoredThread.newTenant(db, "gs", ORIGIN);
        TestSocket agent = TestSocket.connect(vertx, gateway2.port, "/ws/agent", TestTokens.token(tenant, "alice", "agent"),
                ORIGIN);
        assertEquals("welcome", agent.next().path("type").asText());
        String token = ChatClients.visitorToken(gateway1.port, tenant, ORIGIN);
        TestSocket visitor = TestSocket.connect(vertx, gateway1.port, "/ws/visitor", token, ORIGIN);
        assertEquals("welcome", visitor.next().path("type").asText());

        SeenMessages seen = new SeenMessages();
        SeenMessages agentSeen = new SeenMessages();
        visitor.send(ChatClients.send("v0", null, "visitor 0"));
        assertTrue(ChatClients.pump(visitor, seen, "visitor@gw1", 1, 20_000), "first ack");
        String conversation = seen.acks.get("v0").path("conversationId").asText();
        Stream stream = new Stream(conversation, seen);

        // Gateway 1 is stopped a third of the way in.
        stream.run(visitor, "visitor@gw1", TOTAL / 3);
        gateway1.terminate();
        assertEquals(503, readiness(gateway1.port), "readiness goes down first");
        assertEquals(503, TestSocket.rejection(vertx, gateway1.port, "/ws/visitor", token, ORIGIN),
                "no new sockets while it drains");
        stream.pumpUntilClosed(visitor, "visitor@gw1");
        assertEquals((short) 1012, visitor.closed.get(20, TimeUnit.SECONDS), "closed with 'reconnect now'");
        assertTrue(gateway1.awaitExit(Duration.ofSeconds(30)) >= 0, "gateway 1 exited");
        assertTrue(Files.readString(Path.of("target", "gs-gateway-1.log")).contains("closing 1 sockets with 1012"));

        // The visitor reconnects to gateway 2, resumes and resends what was not acked.
        TestSocket visitor2 = TestSocket.connect(vertx, gateway2.port, "/ws/visitor", token, ORIGIN);
        assertEquals("welcome", visitor2.next().path("type").asText());
        visitor2.send(Json.write(Map.of("type", "resume", "conversations", Map.of(conversation, seen.highest))));
        int resent = stream.resendUnacked(visitor2);

        // Routing 1 is stopped two thirds of the way in, with sends in flight.
        stream.run(visitor2, "visitor@gw2", 2 * TOTAL / 3);
        routing1.terminate();
        stream.run(visitor2, "visitor@gw2", TOTAL);
        assertTrue(routing1.awaitExit(Duration.ofSeconds(30)) >= 0, "routing 1 exited");

        // Both sides hold every seq exactly once, in order; storage holds each send once.
        long deadline = System.currentTimeMillis() + 30_000;
        while ((seen.highest < TOTAL || agentSeen.highest < TOTAL) && System.currentTimeMillis() < deadline) {
            ChatClients.pump(visitor2, seen, "visitor@gw2", Integer.MAX_VALUE, 100);
            ChatClients.pump(agent, agentSeen, "agent@gw2", Integer.MAX_VALUE, 100);
        }
        assertEquals(TOTAL, seen.highest, "visitor holds every seq");
        assertEquals(TOTAL, agentSeen.highest, "agent holds every seq");
        StoredThread.assertStoredOnceInOrder(db, conversation, TOTAL, Map.of("visitor", seen), seen, agentSeen);
        System.out.printf("GracefulShutdownIT: %d sends, gateway 1 stopped after %d acks (%d resent), routing 1 after %d%n",
                TOTAL, TOTAL / 3, resent, 2 * TOTAL / 3);
        visitor2.close();
        agent.close();
    }

    private static int readiness(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 1_500;
        int status;
        do {
            status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } while (status == 200 && System.currentTimeMillis() < deadline && sleep(50));
        return status;
    }

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }

    /** The visitor's sends v1..v(TOTAL-1), at most WINDOW unacknowledged, resending those refused as unavailable. */
    private static final class Stream {
        final String conversation;
        final SeenMessages seen;
        int sent = 1;

        Stream(String conversation, SeenMessages seen) {
            this.conversation = conversation;
            this.seen = seen;
        }

        void run(TestSocket socket, String name, int untilAcks) throws InterruptedException {
            while (seen.acks.size() < untilAcks) {
                for (String refused : seen.unavailable) {
                    seen.unavailable.remove(refused);
                    socket.send(ChatClients.send(refused, conversation, "again " + refused));
                }
                while (sent < TOTAL && sent - seen.acks.size() < WINDOW) {
                    socket.send(ChatClients.send("v" + sent, conversation, "visitor " + sent));
                    sent++;
                }
                assertTrue(ChatClients.pump(socket, seen, name, seen.acks.size() + 1, 30_000),
                        name + " stalled at " + seen.acks.size() + " acks");
            }
        }

        /** Keeps reading (no new sends) until the server closes the socket. */
        void pumpUntilClosed(TestSocket socket, String name) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (!socket.closed.isDone() && System.currentTimeMillis() < deadline) {
                ChatClients.pump(socket, seen, name, Integer.MAX_VALUE, 100);
            }
            ChatClients.pump(socket, seen, name, Integer.MAX_VALUE, 100);
        }

        int resendUnacked(TestSocket socket) {
            int resent = 0;
            for (int i = 1; i < sent; i++) {
                if (!seen.acks.containsKey("v" + i)) {
                    socket.send(ChatClients.send("v" + i, conversation, "visitor " + i));
                    resent++;
                }
            }
            seen.unavailable.clear();
            return resent;
        }
    }
}
