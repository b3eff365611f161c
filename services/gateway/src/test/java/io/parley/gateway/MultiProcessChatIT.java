package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.json.Json;
import io.parley.testkit.ServiceProcess;
import io.parley.testkit.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation's end-to-end proof: two gateway processes and one routing process on the real PostgreSQL,
 * Redis and Kafka. A visitor on gateway 1 and an agent on gateway 2 exchange 1,000 messages each way; gateway 1
 * is killed with SIGKILL mid-stream; the visitor reconnects to gateway 2, resumes, resends what was not acked.
 * Then: nothing acked is missing, nothing is duplicated, every socket saw seqs in exact order.
 */
class MultiProcessChatIT {
    static final int PER_SIDE = 1000;
    static final int WINDOW = 50;
    static final String ORIGIN = "https://shop.example";

    static Vertx vertx;
    static ServiceProcess routing;
    static ServiceProcess gateway1;
    static ServiceProcess gateway2;
    static Pool db;

    @BeforeAll
    static void startPlatform() throws Exception {
        vertx = Vertx.vertx();
        Map<String, String> gatewayEnv = RoutingProcessResource.streamingGatewayEnv();
        routing = ServiceProcess.startModule("it-routing", "routing", 18281, RoutingProcessResource.TEST_DATABASE);
        gateway1 = ServiceProcess.startModule("it-gateway-1", "gateway", 18291, gatewayEnv);
        gateway2 = ServiceProcess.startModule("it-gateway-2", "gateway", 18292, gatewayEnv);
        db = RoutingProcessResource.testDatabase(vertx);
    }

    @AfterAll
    static void stopPlatform() {
        StoredThread.stop(vertx, gateway2, gateway1, routing);
    }

    @Test
    void killedGatewayLosesNothingAndResumeKeepsOrder() throws Exception {
        String tenant = StoredThread.newTenant(db, "it", ORIGIN);

        TestSocket agent = TestSocket.connect(vertx, gateway2.port, "/ws/agent", TestTokens.token(tenant, "alice", "agent"),
                ORIGIN);
        assertEquals("welcome", agent.next().path("type").asText());
        String token = ChatClients.visitorToken(gateway1.port, tenant, ORIGIN);
        TestSocket visitor = TestSocket.connect(vertx, gateway1.port, "/ws/visitor", token, ORIGIN);
        assertEquals("welcome", visitor.next().path("type").asText());

        SeenMessages visitorSeen = new SeenMessages();
        SeenMessages agentSeen = new SeenMessages();
        visitor.send(ChatClients.send("v0", null, "visitor 0"));
        assertTrue(ChatClients.pump(visitor, visitorSeen, "visitor@gw1", 1, 20_000), "first ack");
        String conversation = visitorSeen.acks.get("v0").path("conversationId").asText();
        assertEquals("conversation", agent.next("conversation").path("type").asText());

        // The agent answers from its own thread, throughout, with at most WINDOW unacknowledged sends.
        Thread agentThread = new Thread(() -> {
            try {
                int sent = 0;
                while (agentSeen.acks.size() < PER_SIDE) {
                    while (sent < PER_SIDE && sent - agentSeen.acks.size() < WINDOW) {
                        agent.send(ChatClients.send("a" + sent, conversation, "agent " + sent));
                        sent++;
                    }
                    if (!ChatClients.pump(agent, agentSeen, "agent@gw2", Math.min(PER_SIDE, agentSeen.acks.size() + 1), 30_000)) {
                        throw new AssertionError("agent stalled at " + agentSeen.acks.size() + " acks");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Map<Integer, Throwable> agentFailure = new ConcurrentHashMap<>();
        agentThread.setUncaughtExceptionHandler((t, e) -> agentFailure.put(0, e));
        agentThread.start();

        // Visitor on gateway 1 until half its messages are acked, then gateway 1 is killed.
        int sent = 1;
        while (visitorSeen.acks.size() < PER_SIDE / 2) {
            while (sent < PER_SIDE && sent - visitorSeen.acks.size() < WINDOW) {
                visitor.send(ChatClients.send("v" + sent, conversation, "visitor " + sent));
                sent++;
            }
            assertTrue(ChatClients.pump(visitor, visitorSeen, "visitor@gw1", visitorSeen.acks.size() + 1, 20_000), "visitor stalled");
        }
        gateway1.kill();
        visitor.closed.get(20, TimeUnit.SECONDS);
        ChatClients.pump(visitor, visitorSeen, "visitor@gw1", Integer.MAX_VALUE, 200); // frames that made it before the kill

        // Reconnect to gateway 2, resume, resend everything not acked (same clientMsgIds), finish.
        TestSocket visitor2 = TestSocket.connect(vertx, gateway2.port, "/ws/visitor", token, ORIGIN);
        assertEquals("welcome", visitor2.next().path("type").asText());
        visitor2.send(Json.write(Map.of("type", "resume", "conversations", Map.of(conversation, visitorSeen.highest))));
        int resent = 0;
        for (int i = 1; i < sent; i++) {
            if (!visitorSeen.acks.containsKey("v" + i)) {
                visitor2.send(ChatClients.send("v" + i, conversation, "visitor " + i));
                resent++;
            }
        }
        while (visitorSeen.acks.size() < PER_SIDE) {
            while (sent < PER_SIDE && sent - visitorSeen.acks.size() < WINDOW) {
                visitor2.send(ChatClients.send("v" + sent, conversation, "visitor " + sent));
                sent++;
            }
            assertTrue(ChatClients.pump(visitor2, visitorSeen, "visitor@gw2", visitorSeen.acks.size() + 1, 20_000),
                    "visitor stalled after reconnect at " + visitorSeen.acks.size());
        }
        agentThread.join(60_000);
        assertTrue(agentFailure.isEmpty(), () -> "agent failed: " + agentFailure.get(0));
        assertEquals(PER_SIDE, agentSeen.acks.size());

        // Both sides eventually hold every seq exactly once, in order.
        long total = 2L * PER_SIDE;
        long deadline = System.currentTimeMillis() + 30_000;
        while ((visitorSeen.highest < total || agentSeen.highest < total) && System.currentTimeMillis() < deadline) {
            ChatClients.pump(visitor2, visitorSeen, "visitor@gw2", Integer.MAX_VALUE, 100);
            ChatClients.pump(agent, agentSeen, "agent@gw2", Integer.MAX_VALUE, 100);
        }
        assertEquals(total, visitorSeen.highest, "visitor holds every seq");
        assertEquals(total, agentSeen.highest, "agent holds every seq");

        // Storage: exactly 2,000 messages, seq 1..2000, and every ack names the stored message.
        StoredThread.assertStoredOnceInOrder(db, conversation, total,
                Map.of("visitor", visitorSeen, "agent", agentSeen), visitorSeen, agentSeen);
        System.out.printf("MultiProcessChatIT: %d messages, gateway 1 killed after %d visitor acks, %d resent%n",
                total, PER_SIDE / 2, resent);
        visitor2.close();
        agent.close();
    }
}
