package io.parley.gateway.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.gateway.TestTenants;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reports (docs/console.md, "Reports") from the pre-aggregated figures: by day (every day of the range), group and
 * agent, with averages and rates, as JSON and CSV; supervisors and admins of the tenant only; bad ranges refused.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReportApiTest {
    static final String ORIGIN = "https://shop.example";
    static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    static final LocalDate D2 = LocalDate.of(2026, 11, 4);

    @Inject
    Pool pool;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = TestTenants.create(pool, "report", ORIGIN, "{}");
        pool.preparedQuery("INSERT INTO skill_group (tenant_id, id, name) VALUES ($1, 'sales', 'Sales, \"EU\"')")
                .executeAndAwait(Tuple.of(tenant));
        pool.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, name) VALUES ($1, 'alice', '=Alice')")
                .executeAndAwait(Tuple.of(tenant));
        // day, group, agent, opened, fr, frSec, botStarted, botHandoffs, frBreaches, closed, resSec, botResolved,
        // resBreaches, csatCount, csatSum, onlineSec, busySec
        figures(D1, "sales", "alice", 4, 4, 120, 2, 1, 1, 3, 3600, 0, 0, 2, 9, 0, 0);
        figures(D1, "", "", 2, 0, 0, 2, 0, 0, 1, 300, 1, 0, 0, 0, 0, 0);
        figures(D1, "", "alice", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7200, 3600);
        figures(D2, "sales", "bob", 1, 1, 60, 0, 0, 0, 1, 600, 0, 1, 1, 2, 0, 0);
    }

    void figures(LocalDate day, String group, String agent, long... v) {
        Object[] values = new Object[4 + v.length];
        values[0] = tenant;
        values[1] = day;
        values[2] = group;
        values[3] = agent;
        for (int i = 0; i < v.length; i++) {
            values[4 + i] = v[i];
        }
        pool.preparedQuery("""
                INSERT INTO report_day (tenant_id, day, group_id, agent_id, opened, first_responses, first_response_sec,
                    bot_started, bot_handoffs, first_response_breaches, closed, resolution_sec, bot_resolved,
                    resolution_breaches, csat_count, csat_sum, online_sec, busy_sec)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)""")
                .executeAndAwait(Tuple.from(Arrays.asList(values)));
    }

    RequestSpecification as(String tenantId, String role) {
        return given().header("Authorization", "Bearer " + TestTokens.token(tenantId, "sam", role));
    }

    @Test
    void byDayListsEveryDayOfTheRangeWithItsFiguresAndTheTotal() {
        as(tenant, "supervisor").get("/api/v1/reports/summary?from=2026-11-01&to=2026-11-04").then().statusCode(200)
                .body("by", equalTo("day")).body("rows.key", contains("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"))
                .body("rows[0].opened", equalTo(0)).body("rows[0].avgFirstResponseSec", nullValue())
                .body("rows[1].opened", equalTo(6)).body("rows[1].avgFirstResponseSec", equalTo(30.0f))
                .body("rows[1].closed", equalTo(4)).body("rows[1].avgResolutionSec", equalTo(975.0f))
                .body("rows[1].csatAverage", equalTo(4.5f)).body("rows[1].botResolutionRate", equalTo(0.25f))
                .body("rows[1].handoffRate", equalTo(0.25f)).body("rows[1].utilisation", equalTo(0.5f))
                .body("total.opened", equalTo(7)).body("total.firstResponseBreaches", equalTo(1))
                .body("total.resolutionBreaches", equalTo(1)).body("total.csatCount", equalTo(3));
    }

    @Test
    void byGroupAndByAgentAndFiltered() {
        as(tenant, "admin").get("/api/v1/reports/summary?from=2026-11-01&to=2026-11-30&by=group").then().statusCode(200)
                .body("rows.key", contains("sales", "")).body("rows[0].name", equalTo("Sales, \"EU\""))
                .body("rows[0].opened", equalTo(5));
        as(tenant, "admin").get("/api/v1/reports/summary?from=2026-11-01&to=2026-11-30&by=agent").then().statusCode(200)
                .body("rows.key", contains("alice", "", "bob")).body("rows[0].onlineSec", equalTo(7200))
                .body("rows[0].utilisation", equalTo(0.5f));
        as(tenant, "admin").get("/api/v1/reports/summary?from=2026-11-01&to=2026-11-30&by=agent&group=sales").then()
                .statusCode(200).body("rows.key", contains("alice", "bob")).body("total.opened", equalTo(5));
        as(tenant, "admin").get("/api/v1/reports/summary?from=2026-11-03&to=2026-11-03").then().statusCode(200)
                .body("rows", hasSize(1)).body("total.opened", equalTo(0));
    }

    @Test
    void csvIsASpreadsheetThatRunsNoFormulas() {
        String csv = as(tenant, "supervisor").get("/api/v1/reports/summary?from=2026-11-01&to=2026-11-30&by=agent&format=csv")
                .then().statusCode(200).header("Content-Type", containsString("text/csv"))
                .header("Content-Disposition", containsString("parley-report-2026-11-01-2026-11-30-agent.csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(5, lines.size(), csv);
        assertEquals(ReportRow.CSV_HEADER, lines.get(0));
        assertEquals("alice,'=Alice,4,4,30.0,3,1200.0,2,4.5,2,0,1,0.0,0.5,1,0,7200,3600,0.5", lines.get(1));
        assertEquals("total,,7,5,36.0,5,900.0,3,3.667,4,1,1,0.25,0.25,1,1,7200,3600,0.5", lines.get(4));
        String byGroup = as(tenant, "supervisor").get("/api/v1/reports/summary?from=2026-11-01&to=2026-11-30&by=group&format=csv")
                .then().statusCode(200).extract().asString();
        String sales = byGroup.lines().toList().get(1);
        assertTrue(sales.startsWith("sales,\"Sales, \"\"EU\"\"\",5,"), sales);
    }

    @Test
    void badRangesAndRolesAreRefused() {
        as(tenant, "supervisor").get("/api/v1/reports/summary?from=yesterday&to=2026-13-01&by=week&format=xml&group=a%20b")
                .then().statusCode(400).body("message", containsString("'from'")).body("message", containsString("'to'"))
                .body("message", containsString("'by'")).body("message", containsString("'format'"))
                .body("message", containsString("'group'"));
        as(tenant, "supervisor").get("/api/v1/reports/summary?from=2026-11-05&to=2026-11-01").then().statusCode(400);
        as(tenant, "supervisor").get("/api/v1/reports/summary?from=2025-01-01&to=2026-11-01").then().statusCode(400)
                .body("message", containsString("366"));
        as(tenant, "agent").get("/api/v1/reports/summary").then().statusCode(403);
        given().get("/api/v1/reports/summary").then().statusCode(401);
        String other = TestTenants.create(pool, "report-other", ORIGIN, "{}");
        as(other, "admin").get("/api/v1/reports/summary?from=2026-11-01&to=2026-11-30").then().statusCode(200)
                .body("total.opened", equalTo(0));
    }
}
