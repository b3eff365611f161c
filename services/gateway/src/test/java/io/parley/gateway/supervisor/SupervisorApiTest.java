package io.parley.gateway.supervisor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.parley.common.RedisKeys;
import io.parley.gateway.TestConversations;
import io.parley.gateway.TestTenants;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor view's overview (docs/console.md, "Supervisor"): queues per group with waiting, VIP and longest
 * wait; agents with presence as routing reads the heartbeats, load and capacity. Supervisors and admins of the
 * tenant only.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SupervisorApiTest {
    static final String ORIGIN = "https://shop.example";

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = TestTenants.create(pool, "super", ORIGIN, "{}");
    }

    void sql(String sql, Object... args) {
        pool.preparedQuery(sql).executeAndAwait(Tuple.from(args));
    }

    @Test
    void queuesAndAgentsAsTheyAreNow() {
        sql("INSERT INTO skill_group (tenant_id, id, name) VALUES ($1, 'sales', 'Sales'), ($1, 'support', 'Support')", tenant);
        sql("INSERT INTO agent_profile (tenant_id, agent_id, name, capacity, skills) VALUES ($1, 'alice', 'Alice', 4, '{billing}'),"
                + " ($1, 'bob', 'Bob', 2, '{}'), ($1, 'carol', 'Carol', 3, '{}')", tenant);
        TestConversations.in(pool, tenant).status("queued").group("sales").minutesAgo(7).messages("visitor");
        String vip = TestConversations.in(pool, tenant).status("queued").group("sales").minutesAgo(2).messages("visitor");
        sql("UPDATE conversation SET priority = 1 WHERE id = $1", vip);
        TestConversations.in(pool, tenant).status("queued").minutesAgo(1).messages("visitor"); // in no group
        TestConversations.in(pool, tenant).assignee("alice").messages("visitor");
        TestConversations.in(pool, tenant).assignee("alice").messages("visitor");
        TestConversations.in(pool, tenant).status("closed").assignee("bob").messages("visitor");
        TestConversations.in(pool, tenant).assignee("dave").messages("visitor"); // no profile: default capacity
        var online = redis.sortedSet(String.class);
        online.zadd(RedisKeys.onlineAgents(tenant), System.currentTimeMillis(), "alice");
        online.zadd(RedisKeys.onlineAgents(tenant), 0, "bob"); // every device away
        online.zadd(RedisKeys.onlineAgents(tenant), System.currentTimeMillis() - 60_000, "carol"); // stale heartbeat

        given().header("Authorization", "Bearer " + TestTokens.token(tenant, "sam", "supervisor"))
                .get("/api/v1/supervisor/overview").then().statusCode(200)
                .body("queues.groupId", contains("sales", null, "support"))
                .body("queues[0].name", equalTo("Sales")).body("queues[0].waiting", equalTo(2))
                .body("queues[0].vip", equalTo(1)).body("queues[0].longestWaitSec", greaterThanOrEqualTo(400))
                .body("queues[1].waiting", equalTo(1)).body("queues[2].waiting", equalTo(0))
                .body("agents.id", contains("alice", "bob", "carol", "dave"))
                .body("agents.presence", contains("online", "away", "offline", "offline"))
                .body("agents.load", contains(2, 0, 0, 1)).body("agents.capacity", contains(4, 2, 3, 5))
                .body("agents[0].skills", contains("billing"));
    }

    @Test
    void onlySupervisorsAndAdminsOfTheTenantSeeIt() {
        TestConversations.in(pool, tenant).status("queued").messages("visitor");
        given().get("/api/v1/supervisor/overview").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.token(tenant, "alice", "agent"))
                .get("/api/v1/supervisor/overview").then().statusCode(403);
        given().header("Authorization", "Bearer " + TestTokens.builder().subject("sam").roles("supervisor").sign())
                .get("/api/v1/supervisor/overview").then().statusCode(403);
        String other = TestTenants.create(pool, "super-other", ORIGIN, "{}");
        given().header("Authorization", "Bearer " + TestTokens.token(other, "ada", "admin"))
                .get("/api/v1/supervisor/overview").then().statusCode(200).body("queues", empty()).body("agents", empty());
    }
}
