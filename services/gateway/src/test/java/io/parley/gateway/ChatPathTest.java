package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable chat path through this gateway and a real routing process, on the real PostgreSQL, Redis and
 * Kafka: sessions, socket auth, bad input, send/ack, delivery to the agent, idempotency, resume, history.
 */
@QuarkusTest
@WithTestResource(value = RoutingProcessResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ChatPathTest {
    static final String ORIGIN = "https://shop.example";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
    }

    int port() {
        return base.getPort();
    }

    String visitorToken(String tenantId, String visitorId) {
        String body = visitorId == null ? "{\"tenant\":\"" + tenantId + "\"}"
                : "{\"tenant\":\"" + tenantId + "\",\"visitorId\":\"" + visitorId + "\",\"name\":\"Ann\"}";
        return given().contentType("application/json").header("Origin", ORIGIN).body(body)
                .post("/api/v1/widget/sessions").then().statusCode(201).extract().path("token");
    }

    TestSocket visitor(String token) throws Exception {
        TestSocket socket = TestSocket.connect(vertx, port(), "/ws/visitor", token, ORIGIN);
        assertEquals("welcome", socket.next().path("type").asText());
        return socket;
    }

    TestSocket agent(String tenantId, String agentId) throws Exception {
        TestSocket socket = TestSocket.connect(vertx, port(), "/ws/agent", TestTokens.token(tenantId, agentId, "agent"),
                tenantId.equals(tenant) ? ORIGIN : "http://localhost:8080");
        JsonNode welcome = socket.next();
        assertEquals("welcome", welcome.path("type").asText());
        assertEquals("agent", welcome.path("participant").path("kind").asText());
        return socket;
    }

    static String send(String clientMsgId, String conversationId, String text) {
        return "{\"type\":\"send\",\"clientMsgId\":\"" + clientMsgId + "\""
                + (conversationId == null ? "" : ",\"conversationId\":\"" + conversationId + "\"")
                + ",\"text\":\"" + text + "\"}";
    }

    @Test
    void widgetSessionValidatesInput() {
        given().contentType("application/json").body("{\"tenant\":\"" + tenant + "\"}")
                .post("/api/v1/widget/sessions").then().statusCode(201)
                .body("visitorId", org.hamcrest.Matchers.startsWith("v-"));
        given().contentType("application/json").body("{not json").post("/api/v1/widget/sessions").then()
                .statusCode(400);
        given().contentType("application/json").body("{\"tenant\":\"a b\"}").post("/api/v1/widget/sessions").then()
                .statusCode(400).body("error", equalTo("bad_request"));
        given().contentType("application/json").body("{\"tenant\":\"nobody-" + UUID.randomUUID() + "\"}")
                .post("/api/v1/widget/sessions").then().statusCode(404);
        given().contentType("application/json").header("Origin", "https://evil.example")
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().statusCode(403);
        given().contentType("application/json").body("{\"tenant\":\"" + tenant + "\",\"name\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/widget/sessions").then().statusCode(413);
        // routing hints: validated; VIP only for a visitor the tenant's backend signed
        String session = "/api/v1/widget/sessions";
        String head = "{\"tenant\":\"" + tenant + "\",";
        given().contentType("application/json").body(head + "\"routing\":{\"group\":\"billing\",\"skills\":[\"refunds\"]}}")
                .post(session).then().statusCode(201);
        given().contentType("application/json").body(head + "\"routing\":{\"skills\":\"refunds\"}}").post(session)
                .then().statusCode(400).body("message", equalTo("'routing.skills' has the wrong type"));
        given().contentType("application/json").body(head + "\"routing\":{\"skills\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\","
                + "\"g\",\"h\",\"i\",\"j\",\"k\"]}}").post(session)
                .then().statusCode(400).body("message", equalTo("'routing.skills' must be an array of at most 10 skills"));
        given().contentType("application/json").body(head + "\"routing\":{\"group\":\"no spaces\"}}").post(session)
                .then().statusCode(400);
        given().contentType("application/json").body(head + "\"routing\":{\"vip\":\"yes\"}}").post(session)
                .then().statusCode(400);
        given().contentType("application/json").body(head + "\"visitorId\":\"ann\",\"routing\":{\"vip\":true}}")
                .post(session).then().statusCode(403)
                .body("message", equalTo("routing.vip needs a visitorId signed by the tenant's backend (identityHash or identityToken)"));
        String signed = "t-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins, identity_secret) VALUES ($1, $1, $2, 's3cret')")
                .executeAndAwait(Tuple.of(signed, new String[] { ORIGIN }));
        String vip = "{\"tenant\":\"" + signed + "\",\"visitorId\":\"ann\",\"routing\":{\"vip\":true},\"identityHash\":\"";
        given().contentType("application/json").body(vip + io.parley.gateway.visitor.IdentityVerification.hash("s3cret", "bob")
                + "\"}").post(session).then().statusCode(403);
        String token = given().contentType("application/json")
                .body(vip + io.parley.gateway.visitor.IdentityVerification.hash("s3cret", "ann") + "\"}").post(session)
                .then().statusCode(201).extract().path("token");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"vip\":true"), claims);
    }

    @Test
    void socketUpgradesAreAuthenticated() throws Exception {
        String token = visitorToken(tenant, null);
        assertEquals(401, TestSocket.rejection(vertx, port(), "/ws/visitor", null, ORIGIN));
        assertEquals(401, TestSocket.rejection(vertx, port(), "/ws/visitor", token.substring(0, token.length() - 3) + "AAA", ORIGIN));
        assertEquals(403, TestSocket.rejection(vertx, port(), "/ws/visitor", token, "https://evil.example"));
        assertEquals(401, TestSocket.rejection(vertx, port(), "/ws/agent", null, null));
        assertEquals(401, TestSocket.rejection(vertx, port(), "/ws/agent", token, null));
        assertEquals(403, TestSocket.rejection(vertx, port(), "/ws/agent", TestTokens.token(tenant, "vic", "visitor"), null));
        var forgedKeys = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String forged = TestTokens.builder().signedWith(forgedKeys).tenant(tenant).subject("eve").roles("agent")
                .sign();
        assertEquals(401, TestSocket.rejection(vertx, port(), "/ws/agent", forged, null));
        String expired = TestTokens.builder().tenant(tenant).subject("old").roles("agent")
                .expiry(java.time.Instant.now().minusSeconds(600)).sign();
        assertEquals(401, TestSocket.rejection(vertx, port(), "/ws/agent", expired, null));
    }

    @Test
    void badFramesGetErrorsAndTheSocketStays() throws Exception {
        try (TestSocket v = visitor(visitorToken(tenant, null))) {
            v.send("{oops");
            assertEquals("bad_frame", v.next("error").path("code").asText());
            v.send("{\"type\":\"shout\"}");
            assertEquals("bad_frame", v.next("error").path("code").asText());
            v.send("{\"type\":\"send\",\"clientMsgId\":\"c1\"}");
            JsonNode missing = v.next("error");
            assertEquals("bad_frame", missing.path("code").asText());
            assertEquals("c1", missing.path("ref").asText());
            v.send(send("c2", null, "a".repeat(4001)));
            assertEquals("too_large", v.next("error").path("code").asText());
            v.send(send("c3", "someone-elses-" + UUID.randomUUID(), "hi"));
            assertEquals("not_found", v.next("error").path("code").asText());
            v.send("{\"type\":\"ping\",\"t\":42.5}");
            JsonNode pong = v.next("pong");
            assertEquals(42.5, pong.path("t").asDouble());
            v.send("{\"type\":\"send\",\"clientMsgId\":\"big\",\"text\":\"" + "a".repeat(70_000) + "\"}");
            assertEquals((short) 1009, v.closed.get(10, TimeUnit.SECONDS));
        }
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM message WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getLong(0));
    }

    @Test
    void visitorAndAgentExchangeMessagesInOrderOnceAndCanResume() throws Exception {
        try (TestSocket alice = agent(tenant, "alice")) {
            String visitorId = "v-" + UUID.randomUUID();
            String token = visitorToken(tenant, visitorId);
            TestSocket v = visitor(token);
            v.send(send("m1", null, "hello"));
            JsonNode ack = v.next("ack");
            assertEquals("m1", ack.path("clientMsgId").asText());
            assertEquals(1, ack.path("seq").asLong());
            String conversation = ack.path("conversationId").asText();

            JsonNode assigned = alice.next("conversation");
            assertEquals("assigned", assigned.path("status").asText());
            JsonNode first = alice.next("message");
            assertEquals("hello", first.path("text").asText());
            assertEquals("visitor", first.path("sender").path("kind").asText());

            // Idempotent: the same clientMsgId again gets the same id and seq, and no second message.
            v.send(send("m1", conversation, "hello"));
            JsonNode again = v.next("ack");
            assertEquals(ack.path("id").asText(), again.path("id").asText());
            assertEquals(1, again.path("seq").asLong());

            for (int i = 2; i <= 30; i++) {
                v.send(send("m" + i, conversation, "visitor " + i));
            }
            for (int i = 2; i <= 30; i++) {
                JsonNode m = alice.next("message");
                assertEquals(i, m.path("seq").asLong(), "agent sees seq order");
            }
            alice.send(send("r1", conversation, "agent reply"));
            assertEquals(31, alice.next("ack").path("seq").asLong());

            // Resume on a second device from seq 10: 11..31 in order, nothing else.
            try (TestSocket phone = visitor(token)) {
                phone.send("{\"type\":\"resume\",\"conversations\":{\"" + conversation + "\":10}}");
                for (long seq = 11; seq <= 31; seq++) {
                    assertEquals(seq, phone.next("message").path("seq").asLong());
                }
            }
            v.close();

            // History: own conversation only; other tenants' agents see nothing.
            given().header("Authorization", "Bearer " + token)
                    .get("/api/v1/conversations/" + conversation + "/messages?afterSeq=29").then().statusCode(200)
                    .body("messages.size()", equalTo(2)).body("messages[1].text", equalTo("agent reply"))
                    .body("lastSeq", equalTo(31));
            given().header("Authorization", "Bearer " + visitorToken(tenant, null))
                    .get("/api/v1/conversations/" + conversation + "/messages").then().statusCode(404);
            given().header("Authorization", "Bearer " + TestTokens.token(tenant, "bob", "agent"))
                    .get("/api/v1/conversations/" + conversation + "/messages?limit=5").then().statusCode(200)
                    .body("messages.size()", equalTo(5));
            given().header("Authorization", "Bearer " + TestTokens.token("other-tenant", "mallory", "agent"))
                    .get("/api/v1/conversations/" + conversation + "/messages").then().statusCode(404);
            given().get("/api/v1/conversations/" + conversation + "/messages").then().statusCode(401);
            given().header("Authorization", "Bearer " + token)
                    .get("/api/v1/conversations/" + conversation + "/messages?limit=501").then().statusCode(400);

            // An agent of another tenant cannot write into it either.
            try (TestSocket mallory = agent("other-" + tenant, "mallory")) {
                mallory.send(send("x1", conversation, "hi"));
                assertEquals("not_found", mallory.next("error").path("code").asText());
            }
            assertEquals(31, pool.preparedQuery("SELECT count(*) FROM message WHERE conversation_id = $1")
                    .executeAndAwait(Tuple.of(conversation)).iterator().next().getLong(0));
        }
    }

    @Test
    void everySocketOfAVisitorGetsTheConversation() throws Exception {
        try (TestSocket bob = agent(tenant, "bob")) {
            String token = visitorToken(tenant, "v-" + UUID.randomUUID());
            try (TestSocket laptop = visitor(token); TestSocket phone = visitor(token)) {
                laptop.send(send("hi", null, "from the laptop"));
                String conversation = laptop.next("ack").path("conversationId").asText();
                assertEquals("from the laptop", phone.next("message").path("text").asText());
                bob.next("message");
                bob.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\",\"state\":\"on\"}");
                assertEquals("on", laptop.next("typing").path("state").asText());
                assertEquals("on", phone.next("typing").path("state").asText());
                bob.send(send("b1", conversation, "hello both"));
                assertEquals("hello both", laptop.next("message").path("text").asText());
                assertEquals("hello both", phone.next("message").path("text").asText());
                laptop.send("{\"type\":\"read\",\"conversationId\":\"" + conversation + "\",\"seq\":2}");
                JsonNode read = bob.next("read");
                assertEquals(2, read.path("seq").asLong());
                assertTrue(read.path("reader").path("kind").asText().equals("visitor"));
            }
        }
    }

    /**
     * Guarantee 7: a peer that stops answering pings (closed laptop, dead network) is closed after two heartbeat
     * intervals (2 s each in tests), while a peer that answers them stays connected over the same time.
     */
    @Test
    void aSocketThatNeverAnswersPingsIsClosedAfterTwoHeartbeats() throws Exception {
        String token = visitorToken(tenant, null);
        try (TestSocket answering = visitor(token);
                SilentSocket silent = SilentSocket.open(port(), "/ws/visitor", token, ORIGIN)) {
            long start = System.nanoTime();
            int pings = 0;
            SilentSocket.Frame frame;
            while ((frame = silent.read()).opcode() != SilentSocket.Frame.CLOSE) {
                if (frame.opcode() == SilentSocket.Frame.PING) {
                    pings++;
                }
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1001, frame.closeCode(), "close code");
            assertTrue(pings >= 1, "the server pinged before giving up, saw " + pings);
            assertTrue(elapsedMs >= 3_500 && elapsedMs <= 9_000, "closed after " + elapsedMs + " ms");
            assertTrue(!answering.socket.isClosed(), "the socket that answers pings is still open");
            answering.send("{\"type\":\"ping\",\"t\":1}");
            assertEquals(1, answering.next("pong").path("t").asInt());
        }
    }

    static String action(String ref, String conversationId, String action, String extra) {
        return "{\"type\":\"action\",\"ref\":\"" + ref + "\",\"conversationId\":\"" + conversationId
                + "\",\"action\":\"" + action + "\"" + extra + "}";
    }

    /**
     * Actions over the socket and REST: the actor gets {@code done} (or 200), participants the new state; bad,
     * unauthorised, cross-tenant and illegal actions get a clear error and change nothing.
     */
    @Test
    void agentsActOnConversationsOverTheSocketAndRest() throws Exception {
        try (TestSocket alice = agent(tenant, "alice")) {
            TestSocket v = visitor(visitorToken(tenant, null));
            v.send(send("m1", null, "please close me"));
            String conversation = v.next("ack").path("conversationId").asText();
            assertEquals("assigned", alice.next("conversation").path("status").asText());

            // visitors cannot act; malformed actions are bad frames with the ref
            v.send(action("v-r1", conversation, "close", ""));
            JsonNode refused = v.next("error");
            assertEquals("forbidden", refused.path("code").asText());
            assertEquals("v-r1", refused.path("ref").asText());
            alice.send(action("a-bad", conversation, "transfer", ""));
            JsonNode bad = alice.next("error");
            assertEquals("bad_frame", bad.path("code").asText());
            assertEquals("transfer needs exactly one of 'toAgent' or 'toGroup'", bad.path("message").asText());

            // REST: no token, visitor token, bad body, cross-tenant, non-supervisor reassign -> nothing changes
            String path = "/api/v1/conversations/" + conversation + "/actions";
            given().contentType("application/json").body("{\"action\":\"close\"}").post(path).then().statusCode(401);
            given().contentType("application/json").header("Authorization", "Bearer " + visitorToken(tenant, null))
                    .body("{\"action\":\"close\"}").post(path).then().statusCode(401);
            String aliceToken = TestTokens.token(tenant, "alice", "agent");
            given().contentType("application/json").header("Authorization", "Bearer " + aliceToken)
                    .body("{\"action\":\"archive\"}").post(path).then().statusCode(400)
                    .body("message", equalTo("'action' must be one of accept, transfer, close, reopen, reassign"));
            given().contentType("application/json").header("Authorization", "Bearer " + aliceToken)
                    .body("[1]").post(path).then().statusCode(400);
            given().contentType("application/json")
                    .header("Authorization", "Bearer " + TestTokens.token("other-tenant", "alice", "agent"))
                    .body("{\"action\":\"close\"}").post(path).then().statusCode(404)
                    .body("error", equalTo("not_found"));
            given().contentType("application/json").header("Authorization", "Bearer " + aliceToken)
                    .body("{\"action\":\"reassign\",\"toAgent\":\"bob\"}").post(path).then().statusCode(403)
                    .body("message", equalTo("only supervisors can reassign conversations"));

            // the assigned agent closes it over the socket: done for her, closed for the visitor
            alice.send(action("a-close", conversation, "close", ",\"note\":\"solved\""));
            JsonNode done = alice.next("done");
            assertEquals("a-close", done.path("ref").asText());
            assertEquals("closed", done.path("status").asText());
            assertEquals("closed", v.next("conversation").path("status").asText());

            // closing again is an illegal transition (409 over REST); reopening puts it back in the queue
            given().contentType("application/json").header("Authorization", "Bearer " + aliceToken)
                    .body("{\"action\":\"close\"}").post(path).then().statusCode(409)
                    .body("error", equalTo("invalid_state"))
                    .body("message", equalTo("cannot close a conversation that is closed"));
            given().contentType("application/json").header("Authorization", "Bearer " + aliceToken)
                    .body("{\"action\":\"reopen\",\"note\":\"customer wrote back\"}").post(path).then()
                    .statusCode(200).body("status", equalTo("queued"));
            v.close();
        }
    }

    /** An agent whose only device is away gets nothing new; back online, the waiting conversation is theirs. */
    @Test
    void awayAgentsAreNotAssignedUntilTheyAreBack() throws Exception {
        try (TestSocket alice = agent(tenant, "alice")) {
            alice.send("{\"type\":\"presence\",\"state\":\"away\"}");
            Thread.sleep(500); // the away mark is written asynchronously
            TestSocket v = visitor(visitorToken(tenant, null));
            v.send("{\"type\":\"presence\",\"state\":\"away\"}");
            assertEquals("forbidden", v.next("error").path("code").asText());
            v.send(send("m1", null, "anyone there?"));
            JsonNode queued = v.next("conversation"); // announced before the message it opened
            String conversation = v.next("ack").path("conversationId").asText();
            assertEquals(conversation, queued.path("conversationId").asText());
            assertEquals("queued", queued.path("status").asText());
            assertEquals(1, queued.path("position").asInt());
            Thread.sleep(3_000); // several sweeps: still nobody available
            assertEquals("queued", pool.preparedQuery("SELECT status FROM conversation WHERE id = $1")
                    .executeAndAwait(Tuple.of(conversation)).iterator().next().getString(0));

            alice.send("{\"type\":\"presence\",\"state\":\"online\"}");
            JsonNode assigned = alice.next("conversation");
            assertEquals(conversation, assigned.path("conversationId").asText());
            assertEquals("alice", assigned.path("assignee").path("id").asText());
            v.close();
        }
    }
}
