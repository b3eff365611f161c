package io.parley.gateway.inbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's inbox API (docs/openapi.yaml, {@code GET /api/v1/conversations}; docs/console.md): views and filters
 * by role, newest activity first in keyset pages, each row with its newest message, the reader's unread count and
 * the queue place; tags replaced as a set and audited; an agent's read frames lower their unread counts. Bad,
 * unauthorised and cross-tenant requests are refused and change nothing.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InboxApiTest {
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
        tenant = TestTenants.create(pool, "inbox", ORIGIN, "{}");
        other = TestTenants.create(pool, "inbox-other", ORIGIN, "{}");
    }

    /** A conversation last active {@code minutesAgo} minutes ago, with messages from these senders (seq 1..n). */
    String conversation(String tenantId, String status, String assignee, String group, int minutesAgo,
            String... senders) {
        return TestConversations.in(pool, tenantId).status(status).assignee(assignee).group(group)
                .minutesAgo(minutesAgo).visitor("Ann " + minutesAgo, null, "{}").messages(senders);
    }

    static String bearer(String tenantId, String user, String... roles) {
        return "Bearer " + TestTokens.token(tenantId, user, roles);
    }

    ValidatableResponse list(String auth, String query) {
        var request = given();
        if (auth != null) {
            request = request.header("Authorization", auth);
        }
        return request.get("/api/v1/conversations" + query).then();
    }

    ValidatableResponse tags(String auth, String conversation, String body) {
        var request = given().contentType("application/json").body(body);
        if (auth != null) {
            request = request.header("Authorization", auth);
        }
        return request.put("/api/v1/conversations/" + conversation + "/tags").then();
    }

    @Test
    void eachViewListsWhatItsRoleMaySeeNewestActivityFirst() {
        String alice = bearer(tenant, "alice", "agent");
        String mine = conversation(tenant, "assigned", "alice", "sales", 1, "visitor", "agent", "visitor");
        String olderMine = conversation(tenant, "assigned", "alice", null, 30, "visitor");
        String firstInQueue = conversation(tenant, "queued", null, "sales", 5, "visitor");
        String secondInQueue = conversation(tenant, "queued", null, "sales", 2, "visitor");
        String closedMine = conversation(tenant, "closed", "alice", null, 40, "visitor", "agent");
        String bobs = conversation(tenant, "assigned", "bob", null, 3, "visitor");
        conversation(other, "assigned", "alice", null, 0, "visitor"); // another tenant's alice

        list(alice, "").statusCode(200).body("conversations.id", contains(mine, olderMine)).body("next", nullValue())
                .body("conversations[0].lastMessage.seq", equalTo(3))
                .body("conversations[0].lastMessage.sender.kind", equalTo("visitor"))
                .body("conversations[0].lastMessage.text", equalTo("message 3 of " + mine))
                .body("conversations[0].unread", equalTo(2))
                .body("conversations[0].visitor.name", equalTo("Ann 1"))
                .body("conversations[0].visitor.verified", equalTo(true))
                .body("conversations[0].assignee.id", equalTo("alice"))
                .body("conversations[0].groupId", equalTo("sales"))
                .body("conversations[0].channel", equalTo("widget"))
                .body("conversations[0]", not(org.hamcrest.Matchers.hasKey("queue")));
        list(alice, "?view=queued").statusCode(200).body("conversations.id", contains(secondInQueue, firstInQueue))
                .body("conversations[0].queue.position", equalTo(2))
                .body("conversations[1].queue.position", equalTo(1))
                .body("conversations[1].queue.waitingSec", greaterThanOrEqualTo(290));
        list(alice, "?view=closed").statusCode(200).body("conversations.id", contains(closedMine));
        list(bearer(tenant, "bob", "agent"), "?view=closed").statusCode(200).body("conversations", empty());
        list(alice, "?view=all").statusCode(403).body("error", equalTo("forbidden"));

        String sam = bearer(tenant, "sam", "supervisor");
        list(sam, "?view=all").statusCode(200)
                .body("conversations.id", contains(mine, secondInQueue, bobs, firstInQueue, olderMine, closedMine));
        list(sam, "?view=closed").statusCode(200).body("conversations.id", contains(closedMine));
        list(sam, "?view=all&status=queued").statusCode(200).body("conversations.id", contains(secondInQueue, firstInQueue));
        list(sam, "?view=all&group=sales").statusCode(200).body("conversations.id", contains(mine, secondInQueue, firstInQueue));
        list(sam, "?view=all&channel=widget").statusCode(200).body("conversations", hasSize(6));
        list(sam, "?view=all&channel=email").statusCode(200).body("conversations", empty());
        list(bearer(tenant, "ada", "admin"), "?view=all").statusCode(200).body("conversations", hasSize(6));
    }

    @Test
    void pagesContinueWhereTheLastEndedWithoutOverlap() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(conversation(tenant, "assigned", "alice", null, i, "visitor"));
        }
        String alice = bearer(tenant, "alice", "agent");
        var paged = TestConversations.pageThrough(after -> list(alice, "?limit=3" + (after == null ? "" : "&after=" + after))
                .statusCode(200).extract(), "conversations.id");
        assertEquals(expected, paged.ids());
        assertEquals(3, paged.pages());
    }

    @Test
    void badParametersAreEachNamedInOne400() {
        String alice = bearer(tenant, "alice", "agent");
        list(alice, "?view=everything&status=done&group=Not A Group&channel=<x>&tag=<b>&limit=0&after=zz")
                .statusCode(400).body("error", equalTo("bad_request"))
                .body("message", containsString("'view'")).body("message", containsString("'status'"))
                .body("message", containsString("'group'")).body("message", containsString("'channel'"))
                .body("message", containsString("'tag'")).body("message", containsString("'limit'"))
                .body("message", containsString("'after'"));
        list(alice, "?limit=101").statusCode(400).body("message", containsString("'limit' must be 1..100"));
        list(alice, "?limit=" + "9".repeat(5000)).statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(414), equalTo(431)));
    }

    @Test
    void onlySignedInTeamMembersOfTheTenantListAnything() {
        conversation(tenant, "assigned", "alice", null, 1, "visitor");
        list(null, "").statusCode(401);
        list("Bearer not-a-token", "").statusCode(401);
        String[] visitor = TestTenants.visitor(tenant, ORIGIN);
        list("Bearer " + visitor[1], "").statusCode(401);
        list(bearer(tenant, "eve", "bot-designer"), "").statusCode(403);
        list("Bearer " + TestTokens.builder().subject("alice").roles("agent").sign(), "").statusCode(403)
                .body("message", containsString("tenant"));
        // The other tenant's alice sees only her own tenant's conversations.
        list(bearer(other, "alice", "agent"), "").statusCode(200).body("conversations", empty());
    }

    @Test
    void tagsAreReplacedAsANormalisedSetAuditedAndFilterTheList() {
        String alice = bearer(tenant, "alice", "agent");
        String c = conversation(tenant, "assigned", "alice", null, 1, "visitor");
        String untagged = conversation(tenant, "assigned", "alice", null, 2, "visitor");
        tags(alice, c, "{\"tags\":[\"Billing\",\" VIP \",\"退款\",\"billing\"]}").statusCode(200)
                .body("conversationId", equalTo(c)).body("tags", contains("billing", "vip", "退款"));
        list(alice, "?tag=VIP").statusCode(200).body("conversations.id", contains(c))
                .body("conversations[0].tags", contains("billing", "vip", "退款"));
        list(alice, "?tag=退款").statusCode(200).body("conversations.id", contains(c));
        list(alice, "").body("conversations.id", contains(c, untagged));
        given().header("Authorization", alice).get("/api/v1/conversation-tags").then().statusCode(200)
                .body("tags", org.hamcrest.Matchers.containsInAnyOrder("billing", "vip", "退款"));
        var audit = pool.preparedQuery("""
                SELECT actor_kind, actor_id, before::text, after::text FROM audit_log
                WHERE tenant_id = $1 AND conversation_id = $2 AND action = 'conversation.tags'""")
                .executeAndAwait(Tuple.of(tenant, c)).iterator().next();
        assertEquals("agent", audit.getString(0));
        assertEquals("alice", audit.getString(1));
        assertEquals("{\"tags\": []}", audit.getString(2));
        assertTrue(audit.getString(3).contains("退款"), audit.getString(3));

        tags(alice, c, "{\"tags\":[]}").statusCode(200).body("tags", empty());
        list(alice, "?tag=vip").body("conversations", empty());
    }

    @Test
    void badTagChangesAreRefusedAndChangeNothing() {
        String alice = bearer(tenant, "alice", "agent");
        String c = conversation(tenant, "assigned", "alice", null, 1, "visitor");
        tags(alice, c, "{\"tags\":[\"keep\"]}").statusCode(200);
        for (String body : List.of("", "[]", "{\"tags\":\"vip\"}", "{\"tags\":[1]}", "{\"tags\":[\"<b>x</b>\"]}",
                "{\"tags\":[\"" + "x".repeat(41) + "\"]}", "{\"tags\":[\"ok\"],\"more\":1}", "{\"tags\":[\" \"]}",
                tooMany(),
                "{\"tags\":[")) {
            tags(alice, c, body).statusCode(400).body("error", equalTo("bad_request"));
        }
        tags(alice, c, "{\"tags\":[\"" + "x".repeat(70_000) + "\"]}").statusCode(413);
        tags(null, c, "{\"tags\":[\"x\"]}").statusCode(401);
        tags(bearer(tenant, "eve", "bot-designer"), c, "{\"tags\":[\"x\"]}").statusCode(403);
        tags(bearer(other, "alice", "agent"), c, "{\"tags\":[\"x\"]}").statusCode(404);
        tags(alice, "no-such-conversation", "{\"tags\":[\"x\"]}").statusCode(404);
        tags(alice, "x".repeat(200), "{\"tags\":[\"x\"]}").statusCode(404);
        list(alice, "").body("conversations[0].tags", contains("keep"));
    }

    /** 21 distinct valid tags: one more than allowed. */
    static String tooMany() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("\"t" + i + "\"");
        }
        return "{\"tags\":[" + String.join(",", many) + "]}";
    }

    @Test
    void anAgentsReadFramesLowerTheirUnreadCountOnly() throws Exception {
        String c = conversation(tenant, "assigned", "alice", null, 1, "visitor", "visitor", "agent", "visitor");
        String alice = bearer(tenant, "alice", "agent");
        list(alice, "").body("conversations[0].unread", equalTo(3));
        try (TestSocket socket = TestSocket.connect(vertx, base.getPort(), "/ws/agent",
                TestTokens.token(tenant, "alice", "agent"), ORIGIN)) {
            socket.next("welcome");
            socket.send("{\"type\":\"read\",\"conversationId\":\"" + c + "\",\"seq\":2}");
            waitForUnread(alice, 1);
            socket.send("{\"type\":\"read\",\"conversationId\":\"" + c + "\",\"seq\":1}"); // older: no change
            socket.send("{\"type\":\"read\",\"conversationId\":\"" + c + "\",\"seq\":99}"); // beyond: capped
            waitForUnread(alice, 0);
        }
        Long stored = pool.preparedQuery("SELECT seq FROM conversation_read WHERE conversation_id = $1 AND reader_id = 'alice'")
                .executeAndAwait(Tuple.of(c)).iterator().next().getLong(0);
        assertEquals(4L, stored);
        // Another agent's count is theirs: sam (supervisor) has read nothing.
        list(bearer(tenant, "sam", "supervisor"), "?view=all").body("conversations[0].unread", equalTo(3));
    }

    void waitForUnread(String auth, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        int unread = -1;
        while (System.currentTimeMillis() < deadline) {
            unread = list(auth, "").extract().jsonPath().getInt("conversations[0].unread");
            if (unread == expected) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(expected, unread);
    }

    @Test
    void oneConversationCarriesWhatTheSidebarShows() {
        String c = conversation(tenant, "closed", "alice", "sales", 1, "visitor", "agent");
        pool.preparedQuery("""
                UPDATE conversation SET handoff = '{"reason":"requested","intents":["returns"],"skills":[],"summary":"wants a refund"}',
                    unmatched_skills = '{vip}', csat_score = 4, csat_comment = 'kind', csat_at = now(), closed_at = now()
                WHERE id = $1""").executeAndAwait(Tuple.of(c));
        pool.preparedQuery("""
                UPDATE visitor SET attributes = '{"plan":{"value":"gold","setAt":1}}', claimed_id = 'ann@example.com'
                WHERE tenant_id = $1 AND id = (SELECT visitor_id FROM conversation WHERE id = $2)""")
                .executeAndAwait(Tuple.of(tenant, c));
        String alice = bearer(tenant, "alice", "agent");
        tags(alice, c, "{\"tags\":[\"refund\"]}").statusCode(200);
        given().header("Authorization", alice).get("/api/v1/conversations/" + c).then().statusCode(200)
                .body("id", equalTo(c)).body("status", equalTo("closed")).body("groupId", equalTo("sales"))
                .body("assignee.id", equalTo("alice")).body("visitor.verified", equalTo(true))
                .body("visitor.claimedId", equalTo("ann@example.com"))
                .body("visitor.attributes.plan.value", equalTo("gold"))
                .body("handoff.reason", equalTo("requested")).body("handoff.summary", equalTo("wants a refund"))
                .body("unmatchedSkills", contains("vip")).body("tags", contains("refund"))
                .body("csat.score", equalTo(4)).body("csat.comment", equalTo("kind")).body("lastSeq", equalTo(2));
        // The visitor's earlier conversation and its ticket are in the sidebar too.
        String earlier = conversation(tenant, "closed", "bob", null, 90, "visitor");
        pool.preparedQuery("UPDATE conversation SET visitor_id = (SELECT visitor_id FROM conversation WHERE id = $1),"
                + " csat_score = 2 WHERE id = $2").executeAndAwait(Tuple.of(c, earlier));
        pool.preparedQuery("INSERT INTO ticket (tenant_id, conversation_id, subject, requester_id) VALUES ($1, $2, 'Broken zip', 'v')")
                .executeAndAwait(Tuple.of(tenant, earlier));
        given().header("Authorization", alice).get("/api/v1/conversations/" + c).then().statusCode(200)
                .body("pastConversations.id", contains(earlier)).body("pastConversations[0].csat", equalTo(2))
                .body("pastConversations[0].status", equalTo("closed"))
                .body("tickets.subject", contains("Broken zip")).body("tickets[0].conversationId", equalTo(earlier));
        given().header("Authorization", bearer(other, "alice", "agent")).get("/api/v1/conversations/" + c).then()
                .statusCode(404).body("error", equalTo("not_found"));
        given().get("/api/v1/conversations/" + c).then().statusCode(401);
        given().header("Authorization", alice).get("/api/v1/conversations/" + "x".repeat(300)).then().statusCode(404);
    }

    @Test
    void meSaysWhichConsoleRolesTheTokenGrants() {
        conversation(tenant, "assigned", "alice", null, 1, "visitor");
        conversation(tenant, "closed", "alice", null, 1, "visitor");
        given().header("Authorization", bearer(tenant, "alice", "agent", "supervisor")).get("/api/v1/me").then()
                .statusCode(200).body("id", equalTo("alice")).body("tenant", equalTo(tenant))
                .body("roles", contains("agent", "supervisor")).body("load", equalTo(1)).body("capacity", equalTo(5));
        given().header("Authorization", bearer(tenant, "eve", "bot-designer")).get("/api/v1/me").then()
                .statusCode(200).body("roles", empty());
        given().header("Authorization", "Bearer " + TestTokens.builder().subject("nobody").roles("agent").sign())
                .get("/api/v1/me").then().statusCode(200).body("tenant", nullValue()).body("roles", empty());
        given().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void historyPagesBackwardsWithBeforeSeq() {
        String c = conversation(tenant, "assigned", "alice", null, 1, "visitor", "agent", "visitor", "agent", "visitor");
        String alice = bearer(tenant, "alice", "agent");
        given().header("Authorization", alice).get("/api/v1/conversations/" + c + "/messages?beforeSeq=4&limit=2").then()
                .statusCode(200).body("messages.seq", contains(2, 3)).body("lastSeq", equalTo(5));
        given().header("Authorization", alice).get("/api/v1/conversations/" + c + "/messages?beforeSeq=6").then()
                .statusCode(200).body("messages.seq", contains(1, 2, 3, 4, 5));
        given().header("Authorization", alice).get("/api/v1/conversations/" + c + "/messages?afterSeq=1&beforeSeq=4").then()
                .statusCode(200).body("messages.seq", contains(2, 3));
        for (String bad : List.of("beforeSeq=0", "beforeSeq=-3", "beforeSeq=abc", "beforeSeq=2&limit=0")) {
            given().header("Authorization", alice).get("/api/v1/conversations/" + c + "/messages?" + bad).then()
                    .statusCode(400).body("error", equalTo("bad_request"));
        }
        given().header("Authorization", bearer(other, "alice", "agent"))
                .get("/api/v1/conversations/" + c + "/messages?beforeSeq=4").then().statusCode(404);
    }
}
