package io.parley.gateway.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.parley.gateway.TestSocket;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSAT (docs/protocol.md, "Rating"): the visitor of a closed conversation rates it once; the rating is stored, sent to
 * the agent it was assigned to and to the visitor's other devices, and counted in the tenant's report. Everything
 * else is refused and stores nothing.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RatingApiTest {
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
        tenant = "csat-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
    }

    /** A visitor's session: [visitorId, token]. */
    String[] visitor(String tenantId) {
        return io.parley.gateway.TestTenants.visitor(tenantId, ORIGIN);
    }

    String conversation(String visitorId, String status, String assignee) {
        String id = UUID.randomUUID().toString();
        pool.preparedQuery("INSERT INTO conversation (id, tenant_id, visitor_id, status, assignee_id) VALUES ($1, $2, $3, $4, $5)")
                .executeAndAwait(Tuple.of(id, tenant, visitorId, status, assignee));
        return id;
    }

    ValidatableResponse rate(String conversation, String token, String body) {
        var request = given().contentType("application/json").header("Origin", ORIGIN);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.body(body).post("/api/v1/conversations/" + conversation + "/rating").then();
    }

    Row stored(String conversation) {
        return pool.preparedQuery("SELECT csat_score, csat_comment, csat_at FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(conversation)).iterator().next();
    }

    @Test
    void theVisitorRatesAClosedConversationOnceAndTheAgentHearsOfIt() throws Exception {
        String[] ann = visitor(tenant);
        String closed = conversation(ann[0], "closed", "alice");
        try (TestSocket alice = TestSocket.connect(vertx, base.getPort(), "/ws/agent",
                TestTokens.token(tenant, "alice", "agent"), ORIGIN);
                TestSocket annsPhone = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", ann[1], ORIGIN)) {
            alice.next("welcome");
            annsPhone.next("welcome");
            rate(closed, ann[1], "{\"score\":4,\"comment\":\"  quick <b>and</b> kind  \"}").statusCode(201)
                    .body("type", equalTo("csat")).body("score", equalTo(4)).body("comment", equalTo("quick <b>and</b> kind"));
            JsonNode heard = alice.next("csat");
            assertEquals(closed, heard.path("conversationId").asText());
            assertEquals(4, heard.path("score").asInt());
            assertEquals("quick <b>and</b> kind", heard.path("comment").asText());
            assertEquals(4, annsPhone.next("csat").path("score").asInt());
        }
        assertEquals(4, stored(closed).getInteger("csat_score"));
        rate(closed, ann[1], "{\"score\":1}").statusCode(409).body("error", equalTo("conflict"));
        assertEquals(4, stored(closed).getInteger("csat_score"), "the first rating stands");

        // A rating without a comment; an open conversation cannot be rated yet.
        String second = conversation(ann[0], "closed", "bob");
        rate(second, ann[1], "{\"score\":2}").statusCode(201).body("$", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasKey("comment")));
        String open = conversation(ann[0], "assigned", "alice");
        rate(open, ann[1], "{\"score\":5}").statusCode(409).body("error", equalTo("invalid_state"));
        assertNull(stored(open).getValue("csat_score"));

        // The tenant's report: supervisors and admins only.
        given().header("Authorization", "Bearer " + TestTokens.token(tenant, "sam", "supervisor"))
                .get("/api/v1/reports/csat").then().statusCode(200).body("count", equalTo(2))
                .body("average", equalTo(3.0f)).body("scores.4", equalTo(1)).body("scores.2", equalTo(1))
                .body("scores.5", equalTo(0)).body("agents", hasSize(2)).body("agents[0].agentId", equalTo("alice"))
                .body("agents[0].average", equalTo(4.0f));
        given().header("Authorization", "Bearer " + TestTokens.token(tenant, "alice", "agent"))
                .get("/api/v1/reports/csat").then().statusCode(403);
        given().get("/api/v1/reports/csat").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.token(tenant, "sam", "supervisor"))
                .queryParam("from", "yesterday").get("/api/v1/reports/csat").then().statusCode(400);
        given().header("Authorization", "Bearer " + TestTokens.token(tenant, "sam", "supervisor"))
                .queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/reports/csat").then().statusCode(400).body("message", equalTo("'to' must be after 'from'"));
        given().header("Authorization", "Bearer " + TestTokens.token("other-" + tenant, "eve", "admin"))
                .get("/api/v1/reports/csat").then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void badRatingsAreRefusedAndStoreNothing() {
        String[] ann = visitor(tenant);
        String closed = conversation(ann[0], "closed", "alice");
        rate(closed, null, "{\"score\":5}").statusCode(401);
        rate(closed, ann[1] + "x", "{\"score\":5}").statusCode(401);
        for (String body : new String[] { "{\"score\":0}", "{\"score\":6}", "{}", "{\"score\":\"five\"}", "[5]",
                "{\"score\":5,\"comment\":\"" + "c".repeat(1001) + "\"}", "{\"score\":" }) {
            rate(closed, ann[1], body).statusCode(400).body("error", equalTo("bad_request"));
        }
        rate(closed, ann[1], "{\"score\":0}").body("message", equalTo("'score' is required: an integer from 1 to 5"));
        // Another visitor, another tenant's visitor, a conversation that does not exist: all look absent.
        rate(closed, visitor(tenant)[1], "{\"score\":5}").statusCode(404);
        String otherTenant = "csat-o-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(otherTenant, new String[] { ORIGIN }));
        rate(closed, visitor(otherTenant)[1], "{\"score\":5}").statusCode(404);
        rate(UUID.randomUUID().toString(), ann[1], "{\"score\":5}").statusCode(404);
        given().contentType("application/json").header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + ann[1]).body("{\"score\":5}")
                .post("/api/v1/conversations/" + closed + "/rating").then().statusCode(403);
        given().contentType("text/plain").header("Authorization", "Bearer " + ann[1]).body("5")
                .post("/api/v1/conversations/" + closed + "/rating").then().statusCode(415);
        assertNull(stored(closed).getValue("csat_score"), "nothing stored");
    }
}
