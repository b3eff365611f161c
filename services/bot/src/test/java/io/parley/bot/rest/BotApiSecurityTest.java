package io.parley.bot.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.parley.bot.TestBots;
import io.parley.bot.domain.BotReply;
import io.parley.bot.domain.HandoffReason;
import io.parley.bot.domain.Turn;
import io.parley.bot.service.BotService;
import io.parley.bot.service.ConversationMemories;
import io.parley.bot.service.ConversationState;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Who may use the bot's internal API, and how it refuses: tokens (none, forged, expired, wrong role, no tenant),
 * tenant isolation (another tenant's bot is answered exactly like a missing one), test replies kept apart from live
 * conversations' memory, and 400s with the error body for malformed input. Real HTTP, real RS256 tokens verified by
 * quarkus-oidc against {@link TestTokens}' key ({@link OidcTestKeys}). The bots directory holds {@code acme}
 * (tenant acme) and {@code globex} (tenant globex): {@link BotTestResource}.
 */
@QuarkusTest
@WithTestResource(value = BotTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.GLOBAL)
class BotApiSecurityTest {

    /** Every endpoint of the API, as method and path with {@code %s} for the bot id. */
    static final List<String[]> ENDPOINTS = List.of(new String[] { "GET", "/api/v1/bots/%s" },
            new String[] { "POST", "/api/v1/bots/%s/reply" }, new String[] { "POST", "/api/v1/bots/%s/evals" });

    static final String REPLY_BODY = "{\"conversationId\":\"c-sec\",\"text\":\"how do I track my parcel?\"}";

    @ConfigProperty(name = "parley.bot.dir")
    String botsDir;

    @Inject
    BotService bots;

    @Inject
    ConversationMemories memories;

    static RequestSpecification with(String token) {
        return given().auth().oauth2(token);
    }

    static RequestSpecification as(String tenant, String role) {
        return with(TestTokens.token(tenant, "user-" + role, role));
    }

    /** The request of one endpoint; replies carry a valid body so that only the token decides. */
    static Response call(RequestSpecification request, String[] endpoint, String bot) {
        String path = endpoint[1].formatted(bot);
        if (endpoint[1].endsWith("/reply")) {
            return request.contentType(ContentType.JSON).body(REPLY_BODY).post(path);
        }
        return endpoint[0].equals("GET") ? request.get(path) : request.post(path);
    }

    // ------------------------------------------------------------------ tokens

    @Test
    void withoutAValidTokenEveryEndpointAnswers401() {
        String forged = TestTokens.builder().tenant("acme").subject("mallory").roles("admin")
                .signedWith(TestTokens.newKeyPair()).sign();
        String expired = TestTokens.builder().tenant("acme").subject("ada").roles("admin")
                .expiry(Instant.now().minus(Duration.ofMinutes(10))).sign();
        String otherIssuer = TestTokens.builder().tenant("acme").subject("ada").roles("admin")
                .issuer("https://elsewhere.test").sign();
        for (String[] endpoint : ENDPOINTS) {
            call(given(), endpoint, "acme").then().statusCode(401);
            call(with(forged), endpoint, "acme").then().statusCode(401);
            call(with(expired), endpoint, "acme").then().statusCode(401);
            call(with(otherIssuer), endpoint, "acme").then().statusCode(401);
            call(with("not-a-jwt"), endpoint, "acme").then().statusCode(401);
        }
        given().get("/api/v1/bots").then().statusCode(401);
        with(forged).get("/api/v1/bots").then().statusCode(401);
        with(expired).get("/api/v1/bots").then().statusCode(401);
        // the same token, signed by the trusted key and not expired, is accepted: the refusals above are the key's
        // and the expiry's doing
        as("acme", "admin").get("/api/v1/bots").then().statusCode(200);
    }

    @Test
    void onlyAdminsAndBotDesignersAreLetIn() {
        for (String[] endpoint : ENDPOINTS) {
            call(as("acme", "agent"), endpoint, "acme").then().statusCode(403);
            call(as("acme", "supervisor"), endpoint, "acme").then().statusCode(403);
            call(with(TestTokens.token("acme", "nobody")), endpoint, "acme").then().statusCode(403);
        }
        as("acme", "agent").get("/api/v1/bots").then().statusCode(403);

        as("acme", "admin").get("/api/v1/bots/acme").then().statusCode(200).body("tenant", equalTo("acme"));
        as("acme", "bot-designer").get("/api/v1/bots/acme").then().statusCode(200).body("tenant", equalTo("acme"));
        as("acme", "admin").contentType(ContentType.JSON).body(REPLY_BODY).post("/api/v1/bots/acme/reply").then()
                .statusCode(200).body("text", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        as("acme", "bot-designer").contentType(ContentType.JSON).body(REPLY_BODY).post("/api/v1/bots/acme/reply")
                .then().statusCode(200).body("text", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        // as Keycloak issues them: realm roles in realm_access.roles, no groups claim
        String keycloakShaped = TestTokens.builder().tenant("acme").subject("ada").roles("bot-designer")
                .keycloakRoles().sign();
        with(keycloakShaped).get("/api/v1/bots/acme").then().statusCode(200);
        String keycloakAgent = TestTokens.builder().tenant("acme").subject("alice").roles("agent").keycloakRoles()
                .sign();
        with(keycloakAgent).get("/api/v1/bots/acme").then().statusCode(403);
    }

    @Test
    void aTokenWithoutATenantIsRefused() {
        String noTenant = TestTokens.token(null, "ada", "admin");
        String badTenant = TestTokens.builder().subject("ada").roles("admin").claim("tenant", List.of("acme")).sign();
        for (String token : List.of(noTenant, badTenant)) {
            with(token).get("/api/v1/bots").then().statusCode(403)
                    .body("error", equalTo("forbidden")).body("message", equalTo("token has no tenant"));
            for (String[] endpoint : ENDPOINTS) {
                call(with(token), endpoint, "acme").then().statusCode(403).body("error", equalTo("forbidden"));
            }
        }
    }

    // ------------------------------------------------------------------ tenants

    @Test
    void anotherTenantsBotIsAnsweredLikeAMissingOne() {
        for (String[] endpoint : ENDPOINTS) {
            Response foreign = call(as("globex", "admin"), endpoint, "acme");
            Response missing = call(as("globex", "admin"), endpoint, "no-such-bot");
            assertEquals(404, foreign.statusCode(), endpoint[1]);
            assertEquals(404, missing.statusCode(), endpoint[1]);
            assertEquals(missing.body().asString(), foreign.body().asString(), "same body: ids do not leak");
            assertEquals(missing.contentType(), foreign.contentType());
            foreign.then().body("error", equalTo("not_found")).body("message", equalTo("no such bot"));
        }
        // and its own bot is there
        as("globex", "admin").get("/api/v1/bots/globex").then().statusCode(200).body("tenant", equalTo("globex"));
        as("acme", "admin").get("/api/v1/bots/globex").then().statusCode(404);
    }

    @Test
    void theListShowsOnlyTheCallersTenantsBots() {
        as("acme", "bot-designer").get("/api/v1/bots").then().statusCode(200)
                .body("id", contains("acme")).body("tenant", contains("acme"));
        as("globex", "bot-designer").get("/api/v1/bots").then().statusCode(200)
                .body("id", contains("globex")).body("tenant", contains("globex"));
        as("initech", "admin").get("/api/v1/bots").then().statusCode(200).body("id", org.hamcrest.Matchers.empty());
    }

    @Test
    void aFolderThatNeverLoadedIsShownToTheTenantItNamesOnly() throws Exception {
        Path draft = Path.of(botsDir, "acme-draft");
        Files.createDirectories(draft);
        Files.writeString(draft.resolve("bot.yaml"), "tenant: acme\n"); // no name: never loads
        try {
            waitFor(() -> as("acme", "admin").get("/api/v1/bots/acme-draft").statusCode() == 200);
            as("acme", "admin").get("/api/v1/bots/acme-draft").then()
                    .body("tenant", equalTo("acme"))
                    .body("version", equalTo(null))
                    .body("problems.message", hasItem(containsString("'name'")));
            as("acme", "admin").get("/api/v1/bots").then().body("id", contains("acme", "acme-draft"));
            as("globex", "admin").get("/api/v1/bots/acme-draft").then().statusCode(404);
            as("globex", "admin").get("/api/v1/bots").then().body("id", contains("globex"));
            as("acme", "admin").contentType(ContentType.JSON).body(REPLY_BODY).post("/api/v1/bots/acme-draft/reply")
                    .then().statusCode(409).body("error", equalTo("not_loaded"));
            as("acme", "admin").post("/api/v1/bots/acme-draft/evals").then().statusCode(409)
                    .body("error", equalTo("not_loaded"));
        } finally {
            TestBots.deleteTree(draft);
            waitFor(() -> as("acme", "admin").get("/api/v1/bots/acme-draft").statusCode() == 404);
        }
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        // a token that does not verify does not matter there either: nothing asks for authentication
        with("not-a-jwt").get("/q/health/live").then().statusCode(200);
        with("not-a-jwt").get("/q/metrics").then().statusCode(200);
    }

    // ------------------------------------------------------------------ test replies and live memory

    @Test
    void aTestReplyNeitherReadsNorChangesTheLiveConversation() {
        String conversation = UUID.randomUUID().toString();
        Map<String, String> visitor = Map.of("id", "v-live");
        // A live conversation (what the Kafka listener does for each visitor message): two negative messages in a row
        // (the fake model reads 差 and 生气 at -0.9); acme hands over at the third (negativeStreak: 3).
        assertNotNull(bots.reply("acme", conversation, "快递太慢了，服务太差", visitor));
        bots.reply("acme", conversation, "物流到现在还没更新，我很生气", visitor);
        ConversationState live = memories.live().find("acme", conversation);
        assertNotNull(live);
        List<Turn> turns = live.turns();
        int tokens = live.tokensUsed();
        assertEquals(2, live.negativeStreak());
        assertFalse(live.handedOff());
        assertNull(memories.testReplies().find("acme", conversation));

        // A test reply with the same conversation id and a third negative message: were the live state read, this
        // would be the third negative message in a row and hand over for negative_sentiment.
        String text = as("acme", "bot-designer").contentType(ContentType.JSON)
                .body(Map.of("conversationId", conversation, "text", "我对你们很失望")).post("/api/v1/bots/acme/reply")
                .then().statusCode(200).body("sentiment.score", equalTo(-0.9f))
                .body("handoff.reason", org.hamcrest.Matchers.not(equalTo("negative_sentiment")))
                .extract().path("text");

        // It did not read the live state: its memory holds its own two turns only ...
        ConversationState test = memories.testReplies().find("acme", conversation);
        assertNotNull(test, "the test reply has a memory of its own");
        List<Turn> testTurns = test.turns();
        assertEquals(List.of(Turn.visitor("我对你们很失望"), Turn.bot(text)), testTurns);
        // ... nor change it.
        assertEquals(turns, live.turns());
        assertEquals(2, live.negativeStreak());
        assertEquals(tokens, live.tokensUsed());
        assertFalse(live.handedOff());
        // The live conversation carries on where it was: its third negative message hands over.
        BotReply third = bots.reply("acme", conversation, "我对你们很失望", visitor);
        BotReply.Handoff handoff = assertInstanceOf(BotReply.Handoff.class, third);
        assertEquals(HandoffReason.NEGATIVE_SENTIMENT, handoff.decision().reason());
        assertEquals(testTurns, memories.testReplies().find("acme", conversation).turns(), "and the live path left the test memory alone");
    }

    // ------------------------------------------------------------------ malformed input

    @Test
    void malformedRepliesAre400WithTheErrorBody() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"conversationId\":\"c1\",\"text\":", "body is not valid JSON");
        bad.put("not json at all", "body is not valid JSON");
        bad.put("", "body must be a JSON object");
        bad.put("[1,2]", "body must be a JSON object");
        bad.put("\"text\"", "body must be a JSON object");
        bad.put("{\"conversationId\":\"c1\"}", "text is required");
        bad.put("{\"text\":\"hi\"}", "conversationId is required");
        bad.put("{\"conversationId\":\"c1\",\"text\":\"   \"}", "text must not be blank");
        bad.put("{\"conversationId\":\"c1\",\"text\":42}", "text must be a string");
        bad.put("{\"conversationId\":\"c1\",\"text\":\"" + "好".repeat(4001) + "\"}",
                "text has 4001 characters; the limit is 4000");
        bad.put("{\"conversationId\":\"" + "c".repeat(65) + "\",\"text\":\"hi\"}",
                "conversationId must be 1..64 of A-Z a-z 0-9 _ . -");
        bad.put("{\"conversationId\":\"c 1\",\"text\":\"hi\"}", "conversationId must be 1..64 of A-Z a-z 0-9 _ . -");
        bad.put("{\"conversationId\":\"../c1\",\"text\":\"hi\"}", "conversationId must be 1..64 of A-Z a-z 0-9 _ . -");
        bad.put("{\"conversationId\":7,\"text\":\"hi\"}", "conversationId must be 1..64 of A-Z a-z 0-9 _ . -");
        bad.put("{\"conversationId\":\"c1\",\"text\":\"hi\",\"visitor\":[\"a\"]}",
                "visitor must be an object of attribute -> string");
        bad.put("{\"conversationId\":\"c1\",\"text\":\"hi\",\"visitor\":{\"name\":{\"first\":\"A\"}}}",
                "visitor.name must be a string");
        bad.put("{\"conversationId\":\"c1\",\"text\":\"hi\",\"visitor\":{\"age\":42}}", "visitor.age must be a string");
        bad.put("{\"conversationId\":\"c1\",\"text\":\"hi\",\"visitor\":{\"a b\":\"x\"}}",
                "visitor attribute names must be 1..64 of A-Z a-z 0-9 _ -");
        bad.put("{\"conversationId\":\"c1\",\"text\":\"hi\",\"visitor\":{\"name\":\"" + "x".repeat(501) + "\"}}",
                "visitor.name is longer than 500 characters");
        StringBuilder many = new StringBuilder("{\"conversationId\":\"c1\",\"text\":\"hi\",\"visitor\":{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        bad.put(many.append("}}").toString(), "visitor has 21 attributes; the limit is 20");
        bad.put("{\"text\":42,\"conversationId\":\"\"}",
                "conversationId must be 1..64 of A-Z a-z 0-9 _ . -; text must be a string");
        for (var e : bad.entrySet()) {
            String body = e.getKey();
            as("acme", "admin").contentType(ContentType.JSON).body(body).post("/api/v1/bots/acme/reply").then()
                    .statusCode(400).contentType(ContentType.JSON)
                    .body("error", equalTo("bad_request")).body("message", equalTo(e.getValue()));
        }
        // the limits themselves are accepted
        as("acme", "admin").contentType(ContentType.JSON)
                .body(Map.of("conversationId", "c".repeat(64), "text", "好".repeat(4000), "visitor",
                        Map.of("name", "x".repeat(500))))
                .post("/api/v1/bots/acme/reply").then().statusCode(200);
    }

    @Test
    void otherMalformedRequestsAre4xxWithTheErrorBody() {
        as("acme", "admin").contentType(ContentType.TEXT).body("hello").post("/api/v1/bots/acme/reply").then()
                .statusCode(415).body("error", equalTo("unsupported_media_type"));
        as("acme", "admin").delete("/api/v1/bots/acme").then().statusCode(405)
                .body("error", equalTo("method_not_allowed"));
        as("acme", "admin").get("/api/v1/bots/acme/nothing-here").then().statusCode(404)
                .body("error", equalTo("not_found"));
        as("acme", "admin").contentType(ContentType.JSON)
                .body("{\"conversationId\":\"c1\",\"text\":\"" + "x".repeat(200_000) + "\"}")
                .post("/api/v1/bots/acme/reply").then().statusCode(413);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(100);
        }
    }
}
