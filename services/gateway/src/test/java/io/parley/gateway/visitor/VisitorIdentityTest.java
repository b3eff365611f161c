package io.parley.gateway.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.parley.gateway.ChatClients;
import io.parley.gateway.RoutingProcessResource;
import io.parley.gateway.TestSocket;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who a widget session speaks for (docs/protocol.md, "Visitors"), through this gateway and a routing process on the
 * real PostgreSQL, Redis and Kafka: continuing a visitor needs proof (their resume secret or the tenant's
 * signature), identity verification is a tenant setting (off, optional, required; HMAC hash or signed JWT), a
 * verified and an unverified visitor are never the same, and the visitor's attributes are kept (latest wins) and
 * reach the agent with the verified flag.
 */
@QuarkusTest
@WithTestResource(value = RoutingProcessResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class VisitorIdentityTest {
    static final String ORIGIN = "https://shop.example";
    static final String SECRET = "tenant-identity-secret-for-tests";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "who-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins, identity_secret) VALUES ($1, $1, $2, $3)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }, SECRET));
    }

    void verification(String mode) {
        pool.preparedQuery("UPDATE tenant SET identity_verification = $2 WHERE id = $1").executeAndAwait(Tuple.of(tenant, mode));
    }

    /** POST /api/v1/widget/sessions with these fields (tenant added); returns the response for checks. */
    io.restassured.response.ValidatableResponse session(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant);
        body.putAll(fields);
        return given().contentType("application/json").header("Origin", ORIGIN).body(Json.write(body))
                .post("/api/v1/widget/sessions").then();
    }

    JsonNode created(Map<String, Object> fields) {
        return Json.read(session(fields).statusCode(201).extract().asString(), JsonNode.class);
    }

    TestSocket socket(String path, String token) throws Exception {
        TestSocket socket = TestSocket.connect(vertx, base.getPort(), path, token, ORIGIN);
        assertEquals("welcome", socket.next().path("type").asText());
        return socket;
    }

    /** The visitor writes once; returns the conversation it opened. */
    String writes(String token, String text) throws Exception {
        try (TestSocket visitor = socket("/ws/visitor", token)) {
            visitor.send(ChatClients.send("m-" + UUID.randomUUID(), null, text));
            return visitor.next("ack").path("conversationId").asText();
        }
    }

    static String jwt(String secret, Map<String, Object> claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String body = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return body + "." + b64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anotherVisitorsIdWithoutProofGetsANewVisitorNotTheirHistory() throws Exception {
        JsonNode ann = created(Map.of());
        String annId = ann.path("visitorId").asText();
        assertTrue(ann.path("resumeSecret").asText().length() >= 40, "a new visitor gets a resume secret: " + ann);
        String conversation = writes(ann.path("token").asText(), "my address is 1 Main Street");

        // Someone who learnt Ann's id (agents see it, it sits in localStorage) asks to continue her.
        for (Map<String, Object> attempt : java.util.List.<Map<String, Object>>of(Map.of("visitorId", annId),
                Map.of("visitorId", annId, "resumeSecret", "guessed-" + UUID.randomUUID()))) {
            JsonNode mallory = created(attempt);
            assertNotEquals(annId, mallory.path("visitorId").asText(), "no proof, no takeover: " + attempt);
            String token = mallory.path("token").asText();
            given().header("Authorization", "Bearer " + token).get("/api/v1/conversations/" + conversation + "/messages")
                    .then().statusCode(404);
            try (TestSocket socket = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", token, ORIGIN)) {
                assertEquals(0, socket.next("welcome").path("conversations").size());
            }
        }

        // Ann's own browser, with the secret it was given, continues her.
        JsonNode again = created(Map.of("visitorId", annId, "resumeSecret", ann.path("resumeSecret").asText()));
        assertEquals(annId, again.path("visitorId").asText());
        assertFalse(again.has("resumeSecret"), "the secret is given once");
        given().header("Authorization", "Bearer " + again.path("token").asText())
                .get("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("messages[0].text", equalTo("my address is 1 Main Street"));

        // Logout on this device: the secret stops working.
        given().header("Authorization", "Bearer " + again.path("token").asText()).delete("/api/v1/widget/sessions/current")
                .then().statusCode(204);
        given().delete("/api/v1/widget/sessions/current").then().statusCode(401);
        assertNotEquals(annId, created(Map.of("visitorId", annId, "resumeSecret", ann.path("resumeSecret").asText()))
                .path("visitorId").asText());
    }

    @Test
    void requiredVerificationRefusesUnsignedIdsAndAcceptsHashesAndTokens() throws Exception {
        verification("required");
        session(Map.of("visitorId", "user-1")).statusCode(403).body("error", equalTo("forbidden"))
                .body("message", equalTo("this tenant requires a signed visitorId (identityToken or identityHash)"));
        assertFalse(created(Map.of()).path("verified").asBoolean(), "anonymous visitors are still welcome");

        JsonNode hashed = created(Map.of("visitorId", "user-1", "identityHash", IdentityVerification.hash(SECRET, "user-1")));
        assertEquals("user-1", hashed.path("visitorId").asText());
        assertTrue(hashed.path("verified").asBoolean());
        session(Map.of("visitorId", "user-1", "identityHash", IdentityVerification.hash(SECRET, "user-2")))
                .statusCode(403).body("message", startsWith("'identityHash' does not match"));

        long in5min = Instant.now().plusSeconds(300).getEpochSecond();
        JsonNode signed = created(Map.of("identityToken", jwt(SECRET, Map.of("sub", "user-2", "exp", in5min))));
        assertEquals("user-2", signed.path("visitorId").asText());
        assertTrue(signed.path("verified").asBoolean());
        session(Map.of("identityToken", jwt(SECRET, Map.of("sub", "user-2", "exp", in5min - 1000))))
                .statusCode(403).body("message", equalTo("'identityToken' has expired"));
        session(Map.of("identityToken", jwt("another-secret-entirely-0123456789", Map.of("sub", "user-2", "exp", in5min))))
                .statusCode(403).body("message", equalTo("'identityToken' has a signature that does not match the tenant's secret"));
        session(Map.of("identityToken", jwt(SECRET, Map.of("sub", "user-2"))))
                .statusCode(403).body("message", equalTo("'identityToken' needs 'exp' (epoch seconds)"));
        session(Map.of("visitorId", "user-3", "identityToken", jwt(SECRET, Map.of("sub", "user-2", "exp", in5min))))
                .statusCode(400).body("message", equalTo("'visitorId' differs from the identityToken's 'sub'"));
        session(Map.of("identityToken", "not-a-jwt")).statusCode(403);
    }

    @Test
    void optionalVerificationNeverMergesAnUnverifiedVisitorWithAVerifiedOne() throws Exception {
        JsonNode unsigned = created(Map.of("visitorId", "user-9"));
        assertNotEquals("user-9", unsigned.path("visitorId").asText(), "an unsigned claim is a new visitor");
        assertFalse(unsigned.path("verified").asBoolean());
        Row row = pool.preparedQuery("SELECT verified, claimed_id FROM visitor WHERE tenant_id = $1 AND id = $2")
                .executeAndAwait(Tuple.of(tenant, unsigned.path("visitorId").asText())).iterator().next();
        assertEquals("user-9", row.getString("claimed_id"));

        JsonNode verified = created(Map.of("visitorId", "user-9", "identityHash", IdentityVerification.hash(SECRET, "user-9")));
        assertEquals("user-9", verified.path("visitorId").asText());
        assertTrue(verified.path("verified").asBoolean());

        // The tenant signs an id that is an unverified visitor's: refused rather than merged.
        String minted = unsigned.path("visitorId").asText();
        session(Map.of("visitorId", minted, "identityHash", IdentityVerification.hash(SECRET, minted)))
                .statusCode(409).body("error", equalTo("conflict"));

        // VIP only for the verified one.
        session(Map.of("visitorId", minted, "resumeSecret", unsigned.path("resumeSecret").asText(),
                "routing", Map.of("vip", true))).statusCode(403);
        session(Map.of("visitorId", "user-9", "identityHash", IdentityVerification.hash(SECRET, "user-9"),
                "routing", Map.of("vip", true))).statusCode(201);
    }

    @Test
    void verificationOffChecksNoSignatureSoNobodyIsVerified() {
        verification("off");
        JsonNode hashed = created(Map.of("visitorId", "user-1", "identityHash", IdentityVerification.hash(SECRET, "user-1")));
        assertNotEquals("user-1", hashed.path("visitorId").asText());
        assertFalse(hashed.path("verified").asBoolean());
        session(Map.of("visitorId", "user-1", "identityHash", IdentityVerification.hash(SECRET, "user-1"),
                "routing", Map.of("vip", true))).statusCode(403);
    }

    @Test
    void attributesAreKeptLatestWinsAndReachTheAgentWithTheVerifiedFlag() throws Exception {
        session(Map.of("attributes", Map.of("plan", Map.of("nested", true)))).statusCode(400);
        session(Map.of("attributes", Map.of("bad name", "x"))).statusCode(400);
        session(Map.of("attributes", Map.of("note", "x".repeat(1001)))).statusCode(400);
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("a" + i, i);
        }
        session(Map.of("attributes", many)).statusCode(400).body("error", equalTo("bad_request"));

        JsonNode ann = created(Map.of("visitorId", "crm-77", "name", "Ann",
                "attributes", Map.of("plan", "pro", "seats", 12, "trial", false)));
        try (TestSocket alice = socket("/ws/agent", TestTokens.token(tenant, "alice", "agent"))) {
            String conversation = writes(ann.path("token").asText(), "hello");
            JsonNode frame = alice.next("conversation");
            assertEquals(conversation, frame.path("conversationId").asText());
            JsonNode visitor = frame.path("visitor");
            assertEquals(ann.path("visitorId").asText(), visitor.path("id").asText());
            assertEquals("Ann", visitor.path("name").asText());
            assertFalse(visitor.path("verified").asBoolean());
            assertEquals("crm-77", visitor.path("claimedId").asText());
            assertEquals("pro", visitor.path("attributes").path("plan").path("value").asText());
            assertEquals(12, visitor.path("attributes").path("seats").path("value").asInt());
            assertFalse(visitor.path("attributes").path("trial").path("value").asBoolean(true));
            long setAt = visitor.path("attributes").path("plan").path("setAt").asLong();
            assertTrue(setAt > 0);

            // The visitor comes back with new attributes: latest wins per name, null removes, the rest stays.
            created(Map.of("visitorId", ann.path("visitorId").asText(), "resumeSecret", ann.path("resumeSecret").asText(),
                    "attributes", Map.of("plan", "enterprise", "trial", Json.MAPPER.nullNode())));
        }
        // The agent's console reloads: the conversation's frame after the welcome shows them as they are now.
        try (TestSocket alice = socket("/ws/agent", TestTokens.token(tenant, "alice", "agent"))) {
            JsonNode visitor = alice.next("conversation").path("visitor");
            assertEquals("enterprise", visitor.path("attributes").path("plan").path("value").asText());
            assertEquals(12, visitor.path("attributes").path("seats").path("value").asInt());
            assertFalse(visitor.path("attributes").has("trial"), "removed: " + visitor);
        }
    }
}
