package io.parley.gateway.command;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.ChatClients;
import io.parley.gateway.RoutingProcessResource;
import io.parley.gateway.TestSocket;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sends without {@code conversationId} go to the visitor's open conversation, or open exactly one (docs/protocol.md):
 * a burst of first sends before the {@code conversation} frame, on one socket or on two sockets of the same
 * visitor at once (an outbox flushed after a reconnect, a fast typist, two tabs), all land in one conversation.
 */
@QuarkusTest
@WithTestResource(value = RoutingProcessResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class FirstSendTest {
    static final String ORIGIN = "https://shop.example";
    static final int BURST = 5;

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "first-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
    }

    /** A new visitor's token and id. */
    JsonNode session() {
        String body = given().contentType("application/json").header("Origin", ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().statusCode(201)
                .extract().asString();
        return io.parley.common.json.Json.read(body, JsonNode.class);
    }

    TestSocket socket(String token) throws Exception {
        TestSocket socket = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", token, ORIGIN);
        assertEquals("welcome", socket.next().path("type").asText());
        return socket;
    }

    /** The conversation ids of the acks for {@code n} sends. */
    static Set<String> ackedConversations(TestSocket socket, int n) throws InterruptedException {
        Set<String> conversations = new HashSet<>();
        for (int i = 0; i < n; i++) {
            JsonNode frame = socket.next("ack");
            conversations.add(frame.path("conversationId").asText());
        }
        return conversations;
    }

    long conversationsOf(String visitorId) {
        return pool.preparedQuery("SELECT count(*) FROM conversation WHERE tenant_id = $1 AND visitor_id = $2")
                .executeAndAwait(Tuple.of(tenant, visitorId)).iterator().next().getLong(0);
    }

    @Test
    void aBurstOfFirstSendsOpensOneConversation() throws Exception {
        JsonNode session = session();
        try (TestSocket socket = socket(session.path("token").asText())) {
            for (int i = 0; i < BURST; i++) {
                socket.send(ChatClients.send("burst-" + i, null, "message " + i));
            }
            Set<String> conversations = ackedConversations(socket, BURST);
            assertEquals(1, conversations.size(), "every ack names the same conversation: " + conversations);
            // the next send without conversationId continues it too
            socket.send(ChatClients.send("later", null, "one more"));
            assertEquals(conversations, ackedConversations(socket, 1));
        }
        assertEquals(1, conversationsOf(session.path("visitorId").asText()));
    }

    @Test
    void firstSendsOnTwoSocketsOfOneVisitorAtOnceOpenOneConversation() throws Exception {
        JsonNode session = session();
        String token = session.path("token").asText();
        try (TestSocket laptop = socket(token); TestSocket phone = socket(token)) {
            for (int i = 0; i < BURST; i++) {
                laptop.send(ChatClients.send("laptop-" + i, null, "from the laptop " + i));
                phone.send(ChatClients.send("phone-" + i, null, "from the phone " + i));
            }
            Set<String> conversations = ackedConversations(laptop, BURST);
            conversations.addAll(ackedConversations(phone, BURST));
            assertEquals(1, conversations.size(), "both sockets' sends in one conversation: " + conversations);
        }
        String visitor = session.path("visitorId").asText();
        assertEquals(1, conversationsOf(visitor));
        assertEquals(2L * BURST, pool.preparedQuery("SELECT count(*) FROM message m JOIN conversation c"
                + " ON c.id = m.conversation_id WHERE c.tenant_id = $1 AND c.visitor_id = $2")
                .executeAndAwait(Tuple.of(tenant, visitor)).iterator().next().getLong(0));
    }
}
