package io.parley.gateway.fallback;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fallback transport (docs/protocol.md, "Fallback transport") through this gateway and a routing process on the
 * real PostgreSQL, Redis and Kafka: the same frames, acks, seq order and resume as the visitor socket, the same
 * authentication and Origin rules, and bad requests refused with nothing stored.
 */
@QuarkusTest
@WithTestResource(value = RoutingProcessResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class FallbackTransportTest {
    static final String ORIGIN = "https://shop.example";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL url;

    String tenant;
    String base;

    @BeforeEach
    void tenant() {
        tenant = "fb-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
        base = "http://127.0.0.1:" + url.getPort();
    }

    JsonNode session() {
        return Json.read(given().contentType("application/json").header("Origin", ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().statusCode(201)
                .extract().asString(), JsonNode.class);
    }

    long messagesOf(String visitorId) {
        return pool.preparedQuery("SELECT count(*) FROM message m JOIN conversation c ON c.id = m.conversation_id"
                + " WHERE c.tenant_id = $1 AND c.visitor_id = $2").executeAndAwait(Tuple.of(tenant, visitorId))
                .iterator().next().getLong(0);
    }

    @Test
    void theSameProtocolOverTheEventStream() throws Exception {
        JsonNode visitor = session();
        String token = visitor.path("token").asText();
        try (EventStreamClient stream = EventStreamClient.open(base, token, ORIGIN)) {
            assertEquals(200, stream.status);
            assertTrue(stream.streamId.matches("s-[0-9a-f]{32}"), stream.streamId);
            assertEquals("welcome", stream.next("welcome").path("type").asText());

            assertEquals(202, stream.post(ChatClients.send("c-1", null, "first over the fallback")));
            JsonNode ack = stream.next("ack");
            String conversation = ack.path("conversationId").asText();
            assertEquals(1, ack.path("seq").asInt());
            assertEquals(202, stream.post(ChatClients.send("c-2", conversation, "second")));
            assertEquals(2, stream.next("ack").path("seq").asInt());
            // Idempotent: the same clientMsgId again is acked with the same seq, stored once.
            assertEquals(202, stream.post(ChatClients.send("c-2", conversation, "second")));
            assertEquals(2, stream.next("ack").path("seq").asInt());
            assertEquals(202, stream.post("{\"type\":\"ping\",\"t\":7}"));
            assertEquals(7, stream.next("pong").path("t").asInt());

            // Another device of the same visitor, on a socket, sees them as messages after its resume, in order.
            try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), "/ws/visitor", token, ORIGIN)) {
                socket.next("welcome");
                socket.send("{\"type\":\"resume\",\"conversations\":{\"" + conversation + "\":0}}");
                assertEquals(1, socket.next("message").path("seq").asInt());
                assertEquals(2, socket.next("message").path("seq").asInt());
                socket.send(ChatClients.send("s-1", conversation, "from the socket"));
                socket.next("ack");
            }
            JsonNode live = stream.next("message");
            assertEquals(3, live.path("seq").asInt());
            assertEquals("from the socket", live.path("text").asText());
        }
        // Resume on a new stream replays what came after the seq the client holds.
        try (EventStreamClient again = EventStreamClient.open(base, token, ORIGIN)) {
            JsonNode welcome = again.next("welcome");
            String conversation = welcome.path("conversations").get(0).path("id").asText();
            assertEquals(202, again.post("{\"type\":\"resume\",\"conversations\":{\"" + conversation + "\":1}}"));
            assertEquals(2, again.next("message").path("seq").asInt());
            assertEquals(3, again.next("message").path("seq").asInt());
        }
        assertEquals(3, messagesOf(visitor.path("visitorId").asText()));
    }

    @Test
    void badRequestsAreRefusedAndStoreNothing() throws Exception {
        JsonNode visitor = session();
        String token = visitor.path("token").asText();
        assertEquals(401, EventStreamClient.open(base, null, ORIGIN).status);
        assertEquals(401, EventStreamClient.open(base, token + "x", ORIGIN).status);
        assertEquals(403, EventStreamClient.open(base, token, "https://evil.example").status);
        JsonNode other = session();
        try (EventStreamClient stream = EventStreamClient.open(base, token, ORIGIN);
                EventStreamClient theirs = EventStreamClient.open(base, other.path("token").asText(), ORIGIN)) {
            stream.next("welcome");
            String send = ChatClients.send("x-1", null, "must not be stored");
            assertEquals(401, stream.post(stream.streamId, null, send, "application/json"));
            assertEquals(404, stream.post("s-" + "0".repeat(32), token, send, "application/json"), "no such stream");
            assertEquals(404, stream.post(theirs.streamId, token, send, "application/json"), "another visitor's stream");
            assertEquals(415, stream.post(stream.streamId, token, send, "text/plain"));
            assertEquals(413, stream.post(stream.streamId, token, "{\"type\":\"send\",\"clientMsgId\":\"x-2\",\"text\":\""
                    + "a".repeat(70_000) + "\"}", "application/json"));
            assertEquals(400, stream.post(""));
            // Malformed frames are answered on the stream, as on a socket, and the stream stays.
            assertEquals(202, stream.post("{not json"));
            assertEquals("bad_frame", stream.next("error").path("code").asText());
            assertEquals(202, stream.post("{\"type\":\"send\",\"clientMsgId\":\"x-3\",\"text\":\"" + "a".repeat(4001) + "\"}"));
            assertEquals("too_large", stream.next("error").path("code").asText());
            assertEquals(202, stream.post("{\"type\":\"launch\"}"));
            assertEquals("bad_frame", stream.next("error").path("code").asText());
            assertEquals(202, stream.post("{\"type\":\"ping\",\"t\":1}"));
            assertEquals(1, stream.next("pong").path("t").asInt());
        }
        assertEquals(0, messagesOf(visitor.path("visitorId").asText()));
        assertEquals(0, messagesOf(other.path("visitorId").asText()));
    }
}
