package io.parley.gateway.compose;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.gateway.TestConversations;
import io.parley.gateway.TestSocket;
import io.parley.gateway.TestTenants;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canned responses and private notes (docs/console.md, "Compose"): the tenant's responses are managed by
 * supervisors and admins, each agent keeps their own; notes are for the tenant's agents and never reach the
 * visitor, through any of the visitor's ways in. Bad, unauthorised and cross-tenant requests change nothing.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ComposeApiTest {
    static final String ORIGIN = "https://shop.example";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;

    String tenant;
    String other;

    @BeforeEach
    void tenants() {
        tenant = TestTenants.create(pool, "compose", ORIGIN, "{}");
        other = TestTenants.create(pool, "compose-other", ORIGIN, "{}");
    }

    static String bearer(String tenantId, String user, String... roles) {
        return "Bearer " + TestTokens.token(tenantId, user, roles);
    }

    ValidatableResponse send(String method, String auth, String path, String body) {
        var request = given().contentType("application/json");
        if (auth != null) {
            request = request.header("Authorization", auth);
        }
        if (body != null) {
            request = request.body(body);
        }
        return request.request(method, path).then();
    }

    @Test
    void agentsKeepTheirOwnAndSupervisorsTheTenants() {
        String alice = bearer(tenant, "alice", "agent");
        String bob = bearer(tenant, "bob", "agent");
        String sam = bearer(tenant, "sam", "supervisor");
        send("POST", sam, "/api/v1/canned-responses", "{\"shortcut\":\"hello\",\"body\":\"Hi {{visitor.name}}!\",\"personal\":false}")
                .statusCode(201).body("personal", equalTo(false)).body("updatedBy", equalTo("sam"));
        long mine = send("POST", alice, "/api/v1/canned-responses", "{\"shortcut\":\"hello\",\"body\":\"Hey there\"}")
                .statusCode(201).body("personal", equalTo(true)).extract().jsonPath().getLong("id");
        send("POST", alice, "/api/v1/canned-responses", "{\"shortcut\":\"bye\",\"body\":\"Bye\",\"personal\":false}")
                .statusCode(403).body("error", equalTo("forbidden"));
        send("POST", alice, "/api/v1/canned-responses", "{\"shortcut\":\"hello\",\"body\":\"again\"}")
                .statusCode(409).body("message", containsString("taken"));

        send("GET", alice, "/api/v1/canned-responses", null).statusCode(200)
                .body("cannedResponses.shortcut", contains("hello", "hello"))
                .body("cannedResponses.personal", contains(true, false)); // her own first
        send("GET", bob, "/api/v1/canned-responses", null).statusCode(200)
                .body("cannedResponses.body", contains("Hi {{visitor.name}}!"));
        send("GET", bearer(other, "alice", "agent"), "/api/v1/canned-responses", null).statusCode(200)
                .body("cannedResponses", empty());

        // Only the owner changes an own one; only supervisors and admins the tenant's.
        send("PUT", bob, "/api/v1/canned-responses/" + mine, "{\"shortcut\":\"hello\",\"body\":\"stolen\"}").statusCode(404);
        send("PUT", sam, "/api/v1/canned-responses/" + mine, "{\"shortcut\":\"hello\",\"body\":\"stolen\"}").statusCode(404);
        send("PUT", alice, "/api/v1/canned-responses/" + mine, "{\"shortcut\":\"hey\",\"body\":\"Hey!\"}").statusCode(200)
                .body("shortcut", equalTo("hey"));
        long tenantWide = send("GET", bob, "/api/v1/canned-responses", null).extract().jsonPath().getLong("cannedResponses[0].id");
        send("DELETE", bob, "/api/v1/canned-responses/" + tenantWide, null).statusCode(404);
        send("DELETE", bearer(other, "sam", "supervisor"), "/api/v1/canned-responses/" + tenantWide, null).statusCode(404);
        send("DELETE", bearer(tenant, "ada", "admin"), "/api/v1/canned-responses/" + tenantWide, null).statusCode(204);
        send("GET", bob, "/api/v1/canned-responses", null).body("cannedResponses", empty());
    }

    @Test
    void badCannedResponsesAreRefusedAndStoreNothing() {
        String alice = bearer(tenant, "alice", "agent");
        for (String body : List.of("", "[]", "{}", "{\"shortcut\":\"Hello\",\"body\":\"x\"}", "{\"shortcut\":\"/hi\",\"body\":\"x\"}",
                "{\"shortcut\":\"" + "a".repeat(33) + "\",\"body\":\"x\"}", "{\"shortcut\":\"hi\",\"body\":\"   \"}",
                "{\"shortcut\":\"hi\",\"body\":\"" + "x".repeat(4001) + "\"}", "{\"shortcut\":\"hi\",\"body\":\"x\",\"colour\":1}",
                "{\"shortcut\":\"hi\",\"body\":\"x\",\"personal\":\"yes\"}", "{\"shortcut\":\"hi\"")) {
            send("POST", alice, "/api/v1/canned-responses", body).statusCode(400).body("error", equalTo("bad_request"));
        }
        send("POST", alice, "/api/v1/canned-responses", "{\"shortcut\":\"hi\",\"body\":\"" + "x".repeat(70_000) + "\"}")
                .statusCode(413);
        send("POST", null, "/api/v1/canned-responses", "{\"shortcut\":\"hi\",\"body\":\"x\"}").statusCode(401);
        send("POST", bearer(tenant, "eve", "bot-designer"), "/api/v1/canned-responses", "{\"shortcut\":\"hi\",\"body\":\"x\"}")
                .statusCode(403);
        send("PUT", alice, "/api/v1/canned-responses/abc", "{\"shortcut\":\"hi\",\"body\":\"x\"}").statusCode(404);
        send("GET", alice, "/api/v1/canned-responses", null).body("cannedResponses", empty());
    }

    @Test
    void notesAreForTheTenantsAgentsAndNeverReachTheVisitor() throws Exception {
        String[] visitor = TestTenants.visitor(tenant, ORIGIN);
        String c = TestConversations.in(pool, tenant).assignee("alice").messages("visitor", "agent");
        pool.preparedQuery("UPDATE conversation SET visitor_id = $2 WHERE id = $1").executeAndAwait(Tuple.of(c, visitor[0]));
        String alice = bearer(tenant, "alice", "agent");
        try (TestSocket visitorSocket = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", visitor[1], ORIGIN)) {
            visitorSocket.next("welcome");
            send("POST", alice, "/api/v1/conversations/" + c + "/notes", "{\"body\":\"VIP: offer the <b>free</b> upgrade\"}")
                    .statusCode(201).body("authorId", equalTo("alice")).body("afterSeq", equalTo(2))
                    .body("body", equalTo("VIP: offer the <b>free</b> upgrade"));
            send("GET", bearer(tenant, "bob", "agent"), "/api/v1/conversations/" + c + "/notes", null).statusCode(200)
                    .body("notes", hasSize(1)).body("notes[0].body", containsString("free"));
            // The visitor's ways in: the notes API (refused), history, the socket.
            send("GET", "Bearer " + visitor[1], "/api/v1/conversations/" + c + "/notes", null).statusCode(401);
            send("POST", "Bearer " + visitor[1], "/api/v1/conversations/" + c + "/notes", "{\"body\":\"x\"}").statusCode(401);
            String history = send("GET", "Bearer " + visitor[1], "/api/v1/conversations/" + c + "/messages", null)
                    .statusCode(200).extract().asString();
            assertFalse(history.contains("upgrade"), history);
            visitorSocket.send("{\"type\":\"resume\",\"conversations\":{\"" + c + "\":0}}");
            Thread.sleep(300);
            assertFalse(visitorSocket.frames.toString().contains("upgrade"), visitorSocket.frames.toString());
        }
        send("GET", bearer(other, "alice", "agent"), "/api/v1/conversations/" + c + "/notes", null).statusCode(404);
        send("POST", bearer(other, "alice", "agent"), "/api/v1/conversations/" + c + "/notes", "{\"body\":\"x\"}").statusCode(404);
        send("POST", alice, "/api/v1/conversations/nope/notes", "{\"body\":\"x\"}").statusCode(404);
        for (String body : List.of("", "{}", "{\"body\":\"  \"}", "{\"body\":\"" + "x".repeat(4001) + "\"}", "{\"body\":\"x\",\"to\":1}")) {
            send("POST", alice, "/api/v1/conversations/" + c + "/notes", body).statusCode(400);
        }
        send("GET", alice, "/api/v1/conversations/" + c + "/notes", null).body("notes", hasSize(1));
    }
}
