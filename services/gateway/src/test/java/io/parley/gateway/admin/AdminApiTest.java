package io.parley.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API: roles, tenant isolation, what routing reads, audit of every change. Bad bodies: {@link
 * AdminBodiesTest}.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AdminApiTest {
    @Inject
    Pool pool;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
    }

    RequestSpecification as(String tenantId, String user, String role) {
        return given().contentType("application/json")
                .header("Authorization", "Bearer " + TestTokens.token(tenantId, user, role));
    }

    Row row(String sql) {
        return pool.preparedQuery(sql).executeAndAwait(Tuple.of(tenant)).iterator().next();
    }

    @Test
    void onlyAdminsChangeAndSupervisorsReadTheirOwnTenant() {
        given().get("/api/v1/admin/groups").then().statusCode(401);
        as(tenant, "alice", "agent").get("/api/v1/admin/groups").then().statusCode(403);
        as(tenant, "sam", "supervisor").get("/api/v1/admin/groups").then().statusCode(200).body("$", hasSize(0));
        as(tenant, "sam", "supervisor").body("{\"name\":\"Billing\"}").put("/api/v1/admin/groups/billing").then()
                .statusCode(403);
        as(tenant, "sam", "supervisor").delete("/api/v1/admin/groups/billing").then().statusCode(403);
        as(tenant, "sam", "supervisor").body("{}").put("/api/v1/admin/agents/bob").then().statusCode(403);
        given().contentType("application/json").header("Authorization", "Bearer " + TestTokens.token(null, "x", "admin"))
                .get("/api/v1/admin/agents").then().statusCode(403).body("message", equalTo("token has no tenant"));

        as(tenant, "ada", "admin").body("{\"name\":\"Billing\",\"skills\":[\"vat\",\"refunds\",\"vat\"],\"priority\":5,"
                + "\"strategy\":\"least_loaded\",\"members\":[{\"agentId\":\"bob\",\"capacity\":2},{\"agentId\":\"alice\"}]}")
                .put("/api/v1/admin/groups/billing").then().statusCode(201).body("skills", contains("vat", "refunds"))
                .body("relaxAfterSec", equalTo(120)).body("members.agentId", contains("bob", "alice"));
        as(tenant, "sam", "supervisor").get("/api/v1/admin/groups").then().statusCode(200)
                .body("[0].members.agentId", contains("alice", "bob")).body("[0].members[1].capacity", equalTo(2));
        // what routing reads
        assertEquals("{vat,refunds} 5 least_loaded 2", row("SELECT g.skills::text || ' ' || g.priority || ' ' || g.strategy"
                + " || ' ' || count(m.*) FROM skill_group g JOIN skill_group_member m ON m.tenant_id = g.tenant_id"
                + " AND m.group_id = g.id WHERE g.tenant_id = $1 GROUP BY g.tenant_id, g.id").getString(0));

        as(tenant, "ada", "admin").body("{\"name\":\"Billing & VAT\",\"members\":[{\"agentId\":\"bob\"}]}")
                .put("/api/v1/admin/groups/billing").then().statusCode(200);
        as(tenant, "sam", "supervisor").get("/api/v1/admin/groups/billing").then().statusCode(200)
                .body("name", equalTo("Billing & VAT")).body("strategy", equalTo("score")).body("skills", hasSize(0))
                .body("members.agentId", contains("bob")).body("members[0].capacity", nullValue());

        // another tenant's admin sees nothing of it and cannot change or delete it
        String other = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "eve", "admin").get("/api/v1/admin/groups").then().statusCode(200).body("$", hasSize(0));
        as(other, "eve", "admin").get("/api/v1/admin/groups/billing").then().statusCode(404)
                .body("error", equalTo("not_found")).body("message", equalTo("no such group"));
        as(other, "eve", "admin").delete("/api/v1/admin/groups/billing").then().statusCode(404);
        as(tenant, "ada", "admin").body("{\"capacity\":3}").put("/api/v1/admin/agents/bob").then().statusCode(201);
        as(other, "eve", "admin").get("/api/v1/admin/agents/bob").then().statusCode(404)
                .body("message", equalTo("no such agent profile"));
        as(other, "eve", "admin").get("/api/v1/admin/agents").then().statusCode(200).body("$", hasSize(0));
        as(other, "eve", "admin").get("/api/v1/admin/audit").then().statusCode(200).body("entries", hasSize(0));

        as(tenant, "ada", "admin").delete("/api/v1/admin/groups/billing").then().statusCode(204);
        as(tenant, "ada", "admin").delete("/api/v1/admin/groups/billing").then().statusCode(404);
        assertEquals(0, row("SELECT count(*) FROM skill_group_member WHERE tenant_id = $1").getLong(0));
    }

    @Test
    void everyChangeIsAuditedAndTheLogFiltersAndPages() {
        as(tenant, "ada", "admin").body("{\"name\":\"Desk\"}").put("/api/v1/admin/groups/desk").then().statusCode(201);
        as(tenant, "ada", "admin").body("{\"name\":\"Front desk\"}").put("/api/v1/admin/groups/desk").then()
                .statusCode(200);
        as(tenant, "ada", "admin").body("{\"capacity\":3,\"rating\":4.456,\"skills\":[\"zh\"]}")
                .put("/api/v1/admin/agents/bob").then().statusCode(201).body("capacity", equalTo(3))
                .body("rating", equalTo(4.46f));
        as(tenant, "ole", "admin").body("{\"name\":\"Bob\"}").put("/api/v1/admin/agents/bob").then().statusCode(200)
                .body("capacity", equalTo(5)).body("rating", equalTo(0f));
        as(tenant, "ada", "admin").delete("/api/v1/admin/groups/desk").then().statusCode(204);
        as(tenant, "sam", "supervisor").get("/api/v1/admin/agents").then().statusCode(200)
                .body("agentId", contains("bob")).body("[0].name", equalTo("Bob"));

        as(tenant, "ada", "admin").get("/api/v1/admin/audit").then().statusCode(200)
                .body("entries.action", contains("group_delete", "agent_update", "agent_create", "group_update",
                        "group_create"))
                .body("entries.actorKind", contains("admin", "admin", "admin", "admin", "admin"))
                .body("entries[3].before.name", equalTo("Desk")).body("entries[3].after.name", equalTo("Front desk"))
                .body("entries[0].before.name", equalTo("Front desk")).body("entries[0].after", nullValue())
                .body("entries[0].actorId", equalTo("ada"));
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?action=agent_create").then().statusCode(200)
                .body("entries", hasSize(1)).body("entries[0].after.rating", equalTo(4.46f));
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?actor=ole").then().statusCode(200)
                .body("entries.action", contains("agent_update")).body("entries[0].before.capacity", equalTo(3));
        long next = as(tenant, "ada", "admin").get("/api/v1/admin/audit?limit=4").then().statusCode(200)
                .body("entries", hasSize(4)).extract().jsonPath().getLong("nextBeforeId");
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?limit=4&beforeId=" + next).then().statusCode(200)
                .body("entries.action", contains("group_create")).body("nextBeforeId", nullValue());
        String inAnHour = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
        as(tenant, "ada", "admin").queryParam("from", inAnHour).get("/api/v1/admin/audit").then().statusCode(200)
                .body("entries", hasSize(0));
        as(tenant, "ada", "admin").queryParam("to", inAnHour).get("/api/v1/admin/audit").then().statusCode(200)
                .body("entries", hasSize(5));

        // rows routing writes for agents' actions are read with them
        pool.preparedQuery("INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, conversation_id, before,"
                + " after, note) VALUES ($1, 'agent', 'bob', 'close', 'c-1', '{\"status\":\"assigned\"}',"
                + " '{\"status\":\"closed\"}', 'done')").executeAndAwait(Tuple.of(tenant));
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?conversationId=c-1").then().statusCode(200)
                .body("entries", hasSize(1)).body("entries[0].actorKind", equalTo("agent"))
                .body("entries[0].before.status", equalTo("assigned")).body("entries[0].note", equalTo("done"));

        as(tenant, "ada", "admin").get("/api/v1/admin/audit?from=yesterday").then().statusCode(400)
                .body("message", equalTo("'from' must be an ISO-8601 date-time with an offset"));
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?to=2026&beforeId=x&limit=0").then().statusCode(400)
                .body("message", equalTo("'to' must be an ISO-8601 date-time with an offset; 'beforeId' must be an id"
                        + " from a previous page; 'limit' must be 1..200"));
        // Supervisors read it too (the console's supervisor view); agents do not.
        as(tenant, "sam", "supervisor").get("/api/v1/admin/audit?action=agent_create").then().statusCode(200)
                .body("entries.action", everyItem(equalTo("agent_create")));
        as(tenant, "alice", "agent").get("/api/v1/admin/audit").then().statusCode(403);
    }

    @Test
    void businessHoursAreValidatedStoredPerTenantAndAudited() {
        String path = "/api/v1/admin/business-hours";
        as(tenant, "sam", "supervisor").get(path).then().statusCode(404)
                .body("message", equalTo("no business hours: the tenant is always open"));
        as(tenant, "sam", "supervisor").body("{}").put(path).then().statusCode(403);
        as(tenant, "sam", "supervisor").delete(path).then().statusCode(403);
        as(tenant, "alice", "agent").get(path).then().statusCode(403);
        as(tenant, "ada", "admin").body("[]").put(path).then().statusCode(400);
        as(tenant, "ada", "admin").body("{\"timeZone\":\"Mars/Olympus\",\"weekly\":{\"mon\":[\"9-5\"],\"tue\":"
                + "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\"]},\"holidays\":[\"2026-13-01\"],\"offlineMessage\":\"\"}")
                .put(path).then().statusCode(400)
                .body("message", equalTo("'holidays' has '2026-13-01': a date is YYYY-MM-DD; 'offlineMessage' must"
                        + " be text of 1..1000 characters; 'timeZone' is not a known time zone: Mars/Olympus;"
                        + " 'weekly.mon' has '9-5': a range is HH:MM-HH:MM; 'weekly.tue' must be a list of at most 6"
                        + " ranges"));
        as(tenant, "ada", "admin").body("{\"timeZone\":\"UTC\",\"weekly\":{\"mon\":\"09:00-18:00\"}}").put(path)
                .then().statusCode(400).body("message", equalTo("'weekly.mon' has the wrong type"));
        as(tenant, "sam", "supervisor").get(path).then().statusCode(404); // nothing stored

        String body = "{\"timeZone\":\"Asia/Shanghai\",\"weekly\":{\"fri\":[\"13:00-18:00\",\"09:00-12:00\"],"
                + "\"mon\":[\"09:00-18:00\"]},\"holidays\":[\"2027-02-06\",\"2026-10-01\"],\"maxQueueWaitSec\":600}";
        as(tenant, "ada", "admin").body(body.replace("600", "0")).put(path).then().statusCode(400)
                .body("message", equalTo("'maxQueueWaitSec' must be an integer from 1 to 86400"));
        as(tenant, "ada", "admin").body(body).put(path).then().statusCode(201)
                .body("weekly.fri", contains("09:00-12:00", "13:00-18:00"));
        String closedText = "\\u5ba2\\u670d\\u4e0b\\u73ed\\u4e86\\uff0c\\u8bf7\\u7559\\u8a00"; // JSON escapes
        as(tenant, "ada", "admin")
                .body(body.substring(0, body.length() - 1) + ",\"offlineMessage\":\"" + closedText + "\"}")
                .put(path).then().statusCode(200);
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200)
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("weekly.mon", contains("09:00-18:00"))
                .body("weekly.fri", contains("09:00-12:00", "13:00-18:00"))
                .body("holidays", contains("2026-10-01", "2027-02-06"))
                .body("offlineMessage", equalTo("客服下班了，请留言")).body("maxQueueWaitSec", equalTo(600));
        // what routing reads: a date[] and a jsonb of sorted ranges
        assertEquals("{2026-10-01,2027-02-06} [\"09:00-12:00\", \"13:00-18:00\"]",
                row("SELECT holidays::text || ' ' || (weekly->'fri')::text FROM business_hours WHERE tenant_id = $1")
                        .getString(0));

        String other = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "eve", "admin").get(path).then().statusCode(404);
        as(other, "eve", "admin").delete(path).then().statusCode(404);
        as(tenant, "ada", "admin").delete(path).then().statusCode(204);
        as(tenant, "sam", "supervisor").get(path).then().statusCode(404);
        as(tenant, "ada", "admin").delete(path).then().statusCode(404);
        as(tenant, "ada", "admin").get("/api/v1/admin/audit").then().statusCode(200)
                .body("entries.action", contains("hours_delete", "hours_update", "hours_create"))
                .body("entries[0].before.offlineMessage", equalTo("客服下班了，请留言"))
                .body("entries[1].after.offlineMessage", equalTo("客服下班了，请留言"))
                .body("entries[2].before", nullValue()).body("entries[2].after.holidays", contains("2026-10-01",
                        "2027-02-06"));
    }

    @Test
    void serviceLevelsAreValidatedReplacedAsAWholeAndAudited() {
        String path = "/api/v1/admin/service-levels";
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200)
                .body("autoCloseAfterSec", nullValue()).body("targets.size()", equalTo(0));
        as(tenant, "sam", "supervisor").body("{}").put(path).then().statusCode(403);
        as(tenant, "alice", "agent").get(path).then().statusCode(403);
        given().get(path).then().statusCode(401);
        as(tenant, "ada", "admin").body("[1]").put(path).then().statusCode(400)
                .body("message", equalTo("body must be a JSON object"));
        as(tenant, "ada", "admin").body("{\"autoCloseAfterSec\":30,\"targets\":{\"vip\":{\"firstResponseSec\":600,"
                + "\"resolutionSec\":60},\"normal\":{\"resolutionSec\":0}}}").put(path).then().statusCode(400)
                .body("message", equalTo("'autoCloseAfterSec' must be an integer from 60 to 2592000;"
                        + " 'targets.normal.resolutionSec' must be an integer from 1 to 2592000;"
                        + " 'targets.vip.firstResponseSec' must not exceed its resolutionSec"));
        // unknown fields are refused, the first one named alone (like a wrong type)
        as(tenant, "ada", "admin").body("{\"autoCloseAfterSec\":30,\"mood\":1}").put(path).then().statusCode(400)
                .body("message", equalTo("unknown field 'mood'"));
        as(tenant, "ada", "admin").body("{\"targets\":{\"vip\":{\"firstResponseSec\":60,\"x\":1}}}").put(path)
                .then().statusCode(400).body("message", equalTo("unknown field 'targets.vip.x'"));
        as(tenant, "ada", "admin").body("{\"targets\":{\"gold\":{}}}").put(path).then().statusCode(400)
                .body("message", equalTo("unknown field 'targets.gold'"));
        as(tenant, "ada", "admin").body("{\"targets\":{\"normal\":7}}").put(path).then().statusCode(400)
                .body("message", equalTo("'targets.normal' has the wrong type"));
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200).body("targets.size()", equalTo(0));

        as(tenant, "ada", "admin").body("{\"autoCloseAfterSec\":3600,\"targets\":{\"normal\":{\"firstResponseSec\":120,"
                + "\"resolutionSec\":86400},\"vip\":{\"firstResponseSec\":30}}}").put(path).then().statusCode(200)
                .body("targets.vip.firstResponseSec", equalTo(30));
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200).body("autoCloseAfterSec", equalTo(3600))
                .body("targets.normal.firstResponseSec", equalTo(120))
                .body("targets.normal.resolutionSec", equalTo(86400))
                .body("targets.vip.firstResponseSec", equalTo(30)).body("targets.vip.resolutionSec", nullValue());
        // What routing reads: the tenant row and one sla_policy row per priority.
        assertEquals(3600, row("SELECT auto_close_after_sec FROM tenant WHERE id = $1").getInteger(0));
        assertEquals(2, row("SELECT count(*) FROM sla_policy WHERE tenant_id = $1").getLong(0));

        // A PUT replaces everything: no vip target, no auto-close; an empty target is none.
        as(tenant, "ada", "admin").body("{\"targets\":{\"normal\":{\"resolutionSec\":7200},\"vip\":{}}}").put(path)
                .then().statusCode(200).body("targets.vip", nullValue());
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200).body("autoCloseAfterSec", nullValue())
                .body("targets.vip", nullValue()).body("targets.normal.resolutionSec", equalTo(7200))
                .body("targets.normal.firstResponseSec", nullValue());
        assertEquals("0 7200", row("SELECT string_agg(priority || ' ' || resolution_sec, ',') FROM sla_policy"
                + " WHERE tenant_id = $1 AND first_response_sec IS NULL").getString(0));

        String unknownTenant = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        as(unknownTenant, "eve", "admin").get(path).then().statusCode(404);
        as(unknownTenant, "eve", "admin").body("{}").put(path).then().statusCode(404);
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?action=service_levels_update").then().statusCode(200)
                .body("entries", hasSize(2)).body("entries[0].before.autoCloseAfterSec", equalTo(3600))
                .body("entries[0].after.targets.normal.resolutionSec", equalTo(7200))
                .body("entries[0].actorId", equalTo("ada")).body("entries[0].actorKind", equalTo("admin"));
    }

    /** PUT may be retried: the same new thing put by eight requests at once is created once and replaced seven times. */
    @Test
    void theSameNewThingPutManyTimesAtOnceIsCreatedOnce() throws Exception {
        String body = "{\"name\":\"Rush\",\"timeZone\":\"UTC\",\"weekly\":{}}";
        Map<String, String> paths = Map.of("group", "/api/v1/admin/groups/rush", "agent", "/api/v1/admin/agents/rush",
                "hours", "/api/v1/admin/business-hours");
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            for (var thing : paths.entrySet()) {
                List<Callable<Integer>> puts = Collections.nCopies(8,
                        () -> as(tenant, "ada", "admin").body(body).put(thing.getValue()).then().extract().statusCode());
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> status : requests.invokeAll(puts)) {
                    statuses.add(status.get());
                }
                Collections.sort(statuses);
                assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 201), statuses, thing.getKey());
                assertEquals("1 7", row("SELECT count(*) FILTER (WHERE action = '" + thing.getKey() + "_create') || ' ' ||"
                        + " count(*) FILTER (WHERE action = '" + thing.getKey() + "_update') FROM audit_log"
                        + " WHERE tenant_id = $1").getString(0), thing.getKey());
            }
        } finally {
            requests.shutdown();
        }
    }
}
