package io.parley.gateway.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.gateway.TestConversations;
import io.parley.gateway.TestTenants;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search (docs/console.md, "Search"): a word from the middle of a message finds it in Chinese and English, with the
 * terms marked; visitors and tags find their conversations; only the caller's tenant is searched; bad queries are
 * refused with the reason.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SearchApiTest {
    static final String ORIGIN = "https://shop.example";

    @Inject
    Pool pool;

    String tenant;
    String other;
    String alice;

    @BeforeEach
    void tenants() {
        tenant = TestTenants.create(pool, "search", ORIGIN, "{}");
        other = TestTenants.create(pool, "search-other", ORIGIN, "{}");
        alice = "Bearer " + TestTokens.token(tenant, "alice", "agent");
    }

    /** A conversation of a visitor with these message bodies, the newest last, {@code minutesAgo} old. */
    String conversation(String tenantId, String visitorName, String email, int minutesAgo, String... bodies) {
        return TestConversations.in(pool, tenantId).minutesAgo(minutesAgo)
                .visitor(visitorName, email, "{\"plan\":{\"value\":\"Gold Plus\",\"setAt\":1}}").messages(bodies);
    }

    ValidatableResponse search(String auth, String q) {
        var request = given();
        if (auth != null) {
            request = request.header("Authorization", auth);
        }
        if (q != null) {
            request = request.queryParam("q", q);
        }
        return request.get("/api/v1/search").then();
    }

    @Test
    void aWordFromTheMiddleOfAMessageFindsItInEitherLanguage() {
        String zh = conversation(tenant, "王芳", "fang@example.com", 5, "你好", "我上周买的耳机想申请退款，可以吗？", "谢谢");
        String en = conversation(tenant, "Bob", "bob@example.com", 1, "hello", "Where is my parcel? The tracking number stopped updating.");
        conversation(other, "Eve", "eve@example.com", 0, "我也想退款 tracking"); // another tenant

        search(alice, "退款").statusCode(200).body("terms", contains("退款"))
                .body("messages", hasSize(1)).body("messages[0].conversationId", equalTo(zh))
                .body("messages[0].seq", equalTo(2)).body("messages[0].snippet", equalTo("我上周买的耳机想申请退款，可以吗？"))
                .body("messages[0].highlights[0]", contains(10, 12))
                .body("messages[0].visitor.name", equalTo("王芳"));
        search(alice, "TRACK").statusCode(200).body("messages.conversationId", contains(en))
                .body("messages[0].highlights[0]", contains(24, 29));
        search(alice, "parcel tracking").body("messages.conversationId", contains(en));
        search(alice, "parcel 退款").body("messages", empty());
        search(alice, "款退").body("messages", empty()); // characters in another order are another word
        search(alice, "申请 耳机").body("messages.seq", contains(2));
    }

    @Test
    void visitorsAndTagsFindTheirConversations() {
        String c = conversation(tenant, "Ann Lee", "ann@example.com", 3, "hi");
        pool.preparedQuery("INSERT INTO conversation_tag (tenant_id, conversation_id, tag, added_by) VALUES ($1, $2, 'vip', 'alice')")
                .executeAndAwait(Tuple.of(tenant, c));
        search(alice, "ann").body("conversations.conversationId", contains(c)).body("conversations[0].matched", equalTo("name"));
        search(alice, "ann@example").body("conversations[0].matched", equalTo("email"));
        search(alice, "gold plus").body("conversations.conversationId", contains(c))
                .body("conversations[0].matched", equalTo("attributes"));
        search(alice, "VIP").body("conversations[0].matched", equalTo("tag")).body("conversations[0].tags", contains("vip"));
        search(alice, "100%_").body("conversations", empty()); // LIKE wildcards are literal
        search("Bearer " + TestTokens.token(other, "alice", "agent"), "ann").body("conversations", empty());
    }

    @Test
    void resultsPageNewestFirstWithoutOverlap() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(0, conversation(tenant, "V" + i, null, 10 - i, "订单 " + i + " shipped"));
        }
        var paged = TestConversations.pageThrough(after -> {
            var request = given().header("Authorization", alice).queryParam("q", "订单").queryParam("limit", 2);
            if (after != null) {
                request = request.queryParam("after", after);
                request.get("/api/v1/search").then().body("conversations", empty()); // on the first page only
            }
            return request.get("/api/v1/search").then().statusCode(200).extract();
        }, "messages.conversationId");
        assertEquals(expected, paged.ids());
        assertEquals(3, paged.pages());
    }

    @Test
    void badQueriesAreRefusedWithTheReason() {
        search(alice, null).statusCode(400).body("message", containsString("'q' is required"));
        search(alice, "   ").statusCode(400).body("message", containsString("'q' is required"));
        search(alice, "&|!():*").statusCode(400).body("message", containsString("no letters or digits"));
        search(alice, "x".repeat(201)).statusCode(400).body("message", containsString("at most 200"));
        search(alice, "a b c d e f g h i j k").statusCode(400).body("message", containsString("at most 10 terms"));
        given().header("Authorization", alice).queryParam("q", "x").queryParam("limit", 51).get("/api/v1/search").then()
                .statusCode(400).body("message", containsString("'limit'"));
        given().header("Authorization", alice).queryParam("q", "x").queryParam("after", "!!").get("/api/v1/search").then()
                .statusCode(400).body("message", containsString("'after'"));
        search(null, "x").statusCode(401);
        search("Bearer " + TestTokens.token(tenant, "eve", "bot-designer"), "x").statusCode(403);
        search("Bearer " + TestTokens.builder().subject("alice").roles("agent").sign(), "x").statusCode(403);
        search(alice, "nothing-matches-this").statusCode(200).body("messages", empty()).body("next", nullValue());
    }
}
