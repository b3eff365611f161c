package io.parley.gateway.admin;

import io.parley.testkit.TestTokens;
import io.parley.testkit.OidcTestKeys;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API: roles, validation with named problems, tenant isolation, audit of every change. */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
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

    @Test
    void onlyAdminsChangeAndSupervisorsReadTheirOwnTenant() {
        given().get("/api/v1/admin/groups").then().statusCode(401);
        as(tenant, "alice", "agent").get("/api/v1/admin/groups").then().statusCode(403);
        as(tenant, "sam", "supervisor").get("/api/v1/admin/groups").then().statusCode(200).body("$", hasSize(0));
        as(tenant, "sam", "supervisor").body("{\"name\":\"Billing\"}").put("/api/v1/admin/groups/billing").then()
                .statusCode(403);

        as(tenant, "ada", "admin").body("{\"name\":\"Billing\",\"skills\":[\"vat\",\"refunds\"],\"priority\":5,"
                + "\"strategy\":\"least_loaded\",\"members\":[{\"agentId\":\"bob\",\"capacity\":2},{\"agentId\":\"alice\"}]}")
                .put("/api/v1/admin/groups/billing").then().statusCode(201);
        as(tenant, "ada", "admin").body("{\"name\":\"Billing & VAT\",\"members\":[{\"agentId\":\"bob\"}]}")
                .put("/api/v1/admin/groups/billing").then().statusCode(200);
        as(tenant, "sam", "supervisor").get("/api/v1/admin/groups/billing").then().statusCode(200)
                .body("name", equalTo("Billing & VAT")).body("strategy", equalTo("score"))
                .body("members.agentId", contains("bob")).body("members[0].capacity", nullValue());

        // another tenant's admin sees nothing of it and cannot delete it
        String other = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "eve", "admin").get("/api/v1/admin/groups/billing").then().statusCode(404);
        as(other, "eve", "admin").delete("/api/v1/admin/groups/billing").then().statusCode(404);
        as(tenant, "ada", "admin").delete("/api/v1/admin/groups/billing").then().statusCode(204);
        as(tenant, "ada", "admin").delete("/api/v1/admin/groups/billing").then().statusCode(404);
    }

    @Test
    void badInputNamesEveryProblemAndChangesNothing() {
        as(tenant, "ada", "admin").body("[]").put("/api/v1/admin/groups/billing").then().statusCode(400)
                .body("message", equalTo("body must be a JSON object"));
        as(tenant, "ada", "admin").body("{}").put("/api/v1/admin/groups/Bad%20Id").then().statusCode(400);
        as(tenant, "ada", "admin").body("{\"skills\":\"vat\",\"priority\":1000,\"strategy\":\"random\","
                + "\"relaxAfterSec\":-1,\"members\":[{\"agentId\":\"bob\"},{\"agentId\":\"bob\"}]}")
                .put("/api/v1/admin/groups/billing").then().statusCode(400)
                .body("message", equalTo("'name' is required: 1..100 characters; 'skills' must be an array of at most"
                        + " 20 skills; 'priority' must be an integer from -100 to 100; 'strategy' must be one of"
                        + " score, round_robin, least_loaded; 'relaxAfterSec' must be an integer from 0 to 86400;"
                        + " member bob is listed twice"));
        as(tenant, "ada", "admin").body("{\"capacity\":101,\"rating\":7}").put("/api/v1/admin/agents/bob").then()
                .statusCode(400).body("message", equalTo("'capacity' must be an integer from 0 to 100; 'rating' must"
                        + " be a number from 0 to 5"));
        as(tenant, "ada", "admin").get("/api/v1/admin/groups").then().statusCode(200).body("$", hasSize(0));
        as(tenant, "ada", "admin").get("/api/v1/admin/agents/bob").then().statusCode(404);
        as(tenant, "ada", "admin").get("/api/v1/admin/audit").then().statusCode(200).body("entries", hasSize(0));
    }

    @Test
    void everyChangeIsAuditedAndTheLogFiltersAndPages() {
        as(tenant, "ada", "admin").body("{\"name\":\"Desk\"}").put("/api/v1/admin/groups/desk").then().statusCode(201);
        as(tenant, "ada", "admin").body("{\"name\":\"Front desk\"}").put("/api/v1/admin/groups/desk").then()
                .statusCode(200);
        as(tenant, "ada", "admin").body("{\"capacity\":3,\"rating\":4.5,\"skills\":[\"zh\"]}")
                .put("/api/v1/admin/agents/bob").then().statusCode(201).body("capacity", equalTo(3));
        as(tenant, "ada", "admin").delete("/api/v1/admin/groups/desk").then().statusCode(204);

        as(tenant, "ada", "admin").get("/api/v1/admin/audit").then().statusCode(200)
                .body("entries.action", contains("group_delete", "agent_create", "group_update", "group_create"))
                .body("entries[2].before.name", equalTo("Desk")).body("entries[2].after.name", equalTo("Front desk"))
                .body("entries[0].actorId", equalTo("ada"));
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?action=agent_create").then().statusCode(200)
                .body("entries", hasSize(1)).body("entries[0].after.rating", equalTo(4.5f));
        long next = as(tenant, "ada", "admin").get("/api/v1/admin/audit?limit=3").then().statusCode(200)
                .body("entries", hasSize(3)).extract().jsonPath().getLong("nextBeforeId");
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?limit=3&beforeId=" + next).then().statusCode(200)
                .body("entries.action", contains("group_create")).body("nextBeforeId", nullValue());
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?from=yesterday").then().statusCode(400);
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?limit=0").then().statusCode(400);
        as(tenant, "sam", "supervisor").get("/api/v1/admin/audit").then().statusCode(403);
    }

    @Test
    void businessHoursAreValidatedStoredPerTenantAndAudited() {
        String path = "/api/v1/admin/business-hours";
        as(tenant, "sam", "supervisor").get(path).then().statusCode(404)
                .body("message", equalTo("no business hours: the tenant is always open"));
        as(tenant, "sam", "supervisor").body("{}").put(path).then().statusCode(403);
        as(tenant, "alice", "agent").get(path).then().statusCode(403);
        as(tenant, "ada", "admin").body("[]").put(path).then().statusCode(400);
        as(tenant, "ada", "admin").body("{\"timeZone\":\"Mars/Olympus\",\"weekly\":{\"mon\":[\"9-5\"],\"tue\":\"09:00-18:00\"},"
                + "\"holidays\":[\"2026-13-01\"],\"offlineMessage\":\"\"}").put(path).then().statusCode(400)
                .body("message", equalTo("'offlineMessage' must be text of 1..1000 characters; 'timeZone' is not a"
                        + " known time zone: Mars/Olympus; 'weekly.mon' has '9-5': a range is HH:MM-HH:MM;"
                        + " 'weekly.tue' must be a list of at most 6 ranges; 'holidays' has '2026-13-01': a date is"
                        + " YYYY-MM-DD"));
        as(tenant, "sam", "supervisor").get(path).then().statusCode(404); // nothing stored

        String body = "{\"timeZone\":\"Asia/Shanghai\",\"weekly\":{\"fri\":[\"13:00-18:00\",\"09:00-12:00\"],"
                + "\"mon\":[\"09:00-18:00\"]},\"holidays\":[\"2027-02-06\",\"2026-10-01\"],\"maxQueueWaitSec\":600}";
        as(tenant, "ada", "admin").body(body.replace("600", "0")).put(path).then().statusCode(400)
                .body("message", equalTo("'maxQueueWaitSec' must be an integer from 1 to 86400"));
        as(tenant, "ada", "admin").body(body).put(path).then().statusCode(201);
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

        String other = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "eve", "admin").get(path).then().statusCode(404);
        as(other, "eve", "admin").delete(path).then().statusCode(404);
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?action=hours_update").then().statusCode(200)
                .body("entries", hasSize(1)).body("entries[0].after.offlineMessage", equalTo("客服下班了，请留言"));
        as(tenant, "ada", "admin").delete(path).then().statusCode(204);
        as(tenant, "sam", "supervisor").get(path).then().statusCode(404);
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
        as(tenant, "ada", "admin").body("{\"autoCloseAfterSec\":30,\"mood\":1,\"targets\":{\"gold\":{},"
                + "\"vip\":{\"firstResponseSec\":600,\"resolutionSec\":60,\"x\":1},\"normal\":7}}").put(path).then()
                .statusCode(400)
                .body("message", equalTo("unknown field 'mood'; 'autoCloseAfterSec' must be an integer from 60 to"
                        + " 2592000; 'targets.gold': the priorities are normal and vip; unknown field 'targets.vip.x';"
                        + " 'targets.vip.firstResponseSec' must not exceed its resolutionSec; 'targets.normal' must be"
                        + " an object"));
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200).body("targets.size()", equalTo(0));

        as(tenant, "ada", "admin").body("{\"autoCloseAfterSec\":3600,\"targets\":{\"normal\":{\"firstResponseSec\":120,"
                + "\"resolutionSec\":86400},\"vip\":{\"firstResponseSec\":30}}}").put(path).then().statusCode(200);
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200).body("autoCloseAfterSec", equalTo(3600))
                .body("targets.normal.firstResponseSec", equalTo(120))
                .body("targets.normal.resolutionSec", equalTo(86400))
                .body("targets.vip.firstResponseSec", equalTo(30)).body("targets.vip.resolutionSec", nullValue());
        // What routing reads: the tenant row and one sla_policy row per priority.
        assertEquals(3600, pool.preparedQuery("SELECT auto_close_after_sec FROM tenant WHERE id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getInteger(0));
        assertEquals(2, pool.preparedQuery("SELECT count(*) FROM sla_policy WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getLong(0));

        // A PUT replaces everything: no vip target, no auto-close.
        as(tenant, "ada", "admin").body("{\"targets\":{\"normal\":{\"resolutionSec\":7200}}}").put(path).then()
                .statusCode(200);
        as(tenant, "sam", "supervisor").get(path).then().statusCode(200).body("autoCloseAfterSec", nullValue())
                .body("targets.vip", nullValue()).body("targets.normal.resolutionSec", equalTo(7200));

        String unknownTenant = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        as(unknownTenant, "eve", "admin").get(path).then().statusCode(404);
        as(unknownTenant, "eve", "admin").body("{}").put(path).then().statusCode(404);
        as(tenant, "ada", "admin").get("/api/v1/admin/audit?action=service_levels_update").then().statusCode(200)
                .body("entries", hasSize(2)).body("entries[0].before.autoCloseAfterSec", equalTo(3600))
                .body("entries[0].after.targets.normal.resolutionSec", equalTo(7200))
                .body("entries[0].actorId", equalTo("ada"));
    }
}
