package io.parley.gateway.widget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.gateway.TestSocket;
import io.parley.testkit.OidcTestKeys;
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
 * Where the widget may run (docs/widget.md, "Origins"): the allow-list checks the page that embeds the chat, not the
 * gateway's own origin the chat's requests carry. The chat page names its framer in {@code frame-ancestors}, the
 * session names the embedding page, the public configuration answers allowed sites with CORS and nobody else.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WidgetEmbeddingTest {
    static final String SHOP = "https://shop.example";
    static final String EVIL = "https://evil.example";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "emb-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { SHOP }));
    }

    /** The origin of pages this gateway serves, as a browser names it: the authority REST Assured sends as Host. */
    String self() {
        return "http://localhost:" + base.getPort();
    }

    @Test
    void theChatPageNamesWhoMayFrameIt() {
        given().get("/chat/" + tenant).then().statusCode(200)
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff").body(containsString("/assets/chat.js"));
        given().queryParam("embed", SHOP).get("/chat/" + tenant).then().statusCode(200)
                .header("Content-Security-Policy", "frame-ancestors " + SHOP);
        given().queryParam("embed", EVIL).get("/chat/" + tenant).then().statusCode(403)
                .header("Content-Security-Policy", nullValue())
                .body(containsString("not available on " + EVIL)).body(org.hamcrest.Matchers.not(containsString("chat.js")));
        given().get("/chat/no-such-" + tenant).then().statusCode(404).body(containsString("There is no chat here"));
        for (String malformed : new String[] { "javascript:alert(1)", "https://shop.example/path", "https://a b",
                "https://shop.example\"><script>", "x".repeat(2000) }) {
            given().queryParam("embed", malformed).get("/chat/" + tenant).then().statusCode(400)
                    .body(containsString("malformed")).body(org.hamcrest.Matchers.not(containsString("<script>")));
        }
    }

    @Test
    void theSessionOfAFramedChatIsCheckedAgainstTheEmbeddingPage() {
        String sessions = "/api/v1/widget/sessions";
        // The chat page's own requests (Origin = this gateway): the embedding page decides.
        session(self(), "\"embedOrigin\":\"" + SHOP + "\"").statusCode(201);
        session(self(), "\"embedOrigin\":\"" + EVIL + "\"").statusCode(403)
                .body("message", equalTo("origin not allowed for this tenant"));
        session(self(), "").statusCode(201); // the hosted chat, not embedded
        // A page of another site calling the API itself is checked by its own Origin, whatever it claims.
        session(SHOP, "").statusCode(201);
        session(EVIL, "\"embedOrigin\":\"" + SHOP + "\"").statusCode(403);
        session(null, "").statusCode(201); // not a browser
        session(self(), "\"embedOrigin\":\"not an origin\"").statusCode(400)
                .body("message", equalTo("'embedOrigin' must be an origin (scheme://host[:port])"));
        given().contentType("application/json").header("Origin", self()).body("{\"tenant\":\"" + tenant
                + "\",\"embedOrigin\":\"" + "https://" + "a".repeat(400) + "\"}").post(sessions).then().statusCode(400);
    }

    @Test
    void theChatPagesSocketIsAllowedAndOtherSitesAreNot() throws Exception {
        String token = session(self(), "\"embedOrigin\":\"" + SHOP + "\"").statusCode(201).extract().path("token");
        // TestSocket addresses the gateway as 127.0.0.1 (its Host), so that is the chat page's origin here.
        try (TestSocket socket = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", token,
                "http://127.0.0.1:" + base.getPort())) {
            assertEquals("welcome", socket.next().path("type").asText());
        }
        assertEquals(403, TestSocket.rejection(vertx, base.getPort(), "/ws/visitor", token, EVIL));
    }

    @Test
    void theConfigurationAnswersAllowedSitesWithCorsAndNobodyElse() {
        String path = "/api/v1/widget/config/" + tenant;
        given().header("Origin", SHOP).get(path).then().statusCode(200)
                .header("Access-Control-Allow-Origin", SHOP).header("Vary", "Origin")
                .body("tenant", equalTo(tenant)).body("color", equalTo("#1f4e79")).body("position", equalTo("right"))
                .body("sound", equalTo(false)).body("title", nullValue());
        given().header("Origin", EVIL).get(path).then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue()).body("error", equalTo("forbidden"));
        given().header("Origin", self()).get(path).then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        given().get("/api/v1/widget/config/no-such-" + tenant).then().statusCode(404).body("error", equalTo("not_found"));
        given().get("/api/v1/widget/config/bad%20id").then().statusCode(400).body("error", equalTo("bad_request"));
        given().get("/api/v1/widget/config/" + "a".repeat(65)).then().statusCode(400);
    }

    io.restassured.response.ValidatableResponse session(String origin, String fields) {
        var request = given().contentType("application/json");
        if (origin != null) {
            request = request.header("Origin", origin);
        }
        return request.body("{\"tenant\":\"" + tenant + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}")
                .post("/api/v1/widget/sessions").then();
    }
}
