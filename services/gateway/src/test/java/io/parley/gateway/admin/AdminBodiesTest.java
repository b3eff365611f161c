package io.parley.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad bodies of the admin API: every problem of value named in one 400 (sorted), a field of the wrong JSON type named
 * alone, bodies that are no JSON object refused, and nothing changed or audited on any refusal.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AdminBodiesTest {
    static final List<String> PUTS = List.of("/api/v1/admin/groups/billing", "/api/v1/admin/agents/bob",
            "/api/v1/admin/business-hours", "/api/v1/admin/service-levels");

    @Inject
    Pool pool;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "adb-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
    }

    RequestSpecification admin() {
        return given().contentType("application/json")
                .header("Authorization", "Bearer " + TestTokens.token(tenant, "ada", "admin"));
    }

    void refused(String path, String body, String message) {
        admin().body(body).put(path).then().statusCode(400).body("error", equalTo("bad_request"))
                .body("message", equalTo(message));
    }

    static String repeat(int times, String item) {
        return IntStream.range(0, times).mapToObj(i -> item.replace("#", Integer.toString(i)))
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void everyProblemOfAGroupOrAgentIsNamed() {
        String group = "/api/v1/admin/groups/billing";
        refused(group, "{\"skills\":[\"vat\",\"no spaces\",null],\"priority\":1000,\"strategy\":\"random\","
                + "\"relaxAfterSec\":-1,\"members\":[{\"agentId\":\"bob\"},{\"agentId\":\"bob\"},{\"agentId\":\"al ice\","
                + "\"capacity\":101},null,{\"agentId\":\"x\"},{\"agentId\":\"x\"}]}",
                "'members' lists bob twice; 'members' lists x twice; 'name' is required: 1..100 characters;"
                        + " 'priority' must be an integer from -100 to 100; 'relaxAfterSec' must be an integer from 0 to"
                        + " 86400; 'strategy' must be one of score, round_robin, least_loaded; each member needs"
                        + " 'agentId': 1..64 of A-Z a-z 0-9 _ . @ -; each member's 'capacity' must be an integer from 0"
                        + " to 100; each of 'skills' must be 1..64 of A-Z a-z 0-9 _ . -");
        refused("/api/v1/admin/groups/Bad%20Id", "{\"name\":\" \"}", "'id' must be 1..63 of a-z 0-9 _ - (starting"
                + " with a letter or digit); 'name' is required: 1..100 characters");
        refused(group, "{\"name\":\"B\",\"priority\":99999999999}", "'priority' must be an integer from -100 to 100");
        refused(group, "{\"name\":\"B\",\"skills\":" + repeat(21, "\"s#\"") + "}",
                "'skills' must be an array of at most 20 skills");
        refused(group, "{\"name\":\"B\",\"members\":" + repeat(501, "{\"agentId\":\"a#\"}") + "}",
                "'members' must be an array of at most 500 members");
        refused("/api/v1/admin/agents/bob", "{\"capacity\":101,\"rating\":7,\"name\":\"" + "n".repeat(101) + "\"}",
                "'capacity' must be an integer from 0 to 100; 'name' must be at most 100 characters; 'rating' must be"
                        + " a number from 0 to 5");
        refused("/api/v1/admin/agents/b%20b", "{}", "'id' must be 1..64 of A-Z a-z 0-9 _ . @ -");
        nothingChanged();
    }

    @Test
    void aFieldOfTheWrongJsonTypeIsNamedAlone() {
        String group = "/api/v1/admin/groups/billing";
        refused(group, "{\"name\":\"B\",\"skills\":\"vat\",\"priority\":1000}", "'skills' has the wrong type");
        refused(group, "{\"name\":\"B\",\"priority\":1.5}", "'priority' has the wrong type");
        refused(group, "{\"name\":\"B\",\"relaxAfterSec\":\"60\"}", "'relaxAfterSec' has the wrong type");
        refused(group, "{\"name\":\"B\",\"members\":[{\"agentId\":\"bob\",\"capacity\":true}]}",
                "'members[0].capacity' has the wrong type");
        refused(group, "{\"name\":\"B\",\"members\":[\"bob\"]}", "'members[0]' has the wrong type");
        refused("/api/v1/admin/agents/bob", "{\"rating\":[5]}", "'rating' has the wrong type");
        refused("/api/v1/admin/business-hours", "{\"timeZone\":\"UTC\",\"weekly\":[]}", "'weekly' has the wrong type");
        refused("/api/v1/admin/business-hours", "{\"timeZone\":\"UTC\",\"weekly\":{},\"maxQueueWaitSec\":60.5}",
                "'maxQueueWaitSec' has the wrong type");
        refused("/api/v1/admin/service-levels", "{\"autoCloseAfterSec\":\"3600\"}",
                "'autoCloseAfterSec' has the wrong type");
        refused("/api/v1/admin/service-levels", "{\"targets\":{\"vip\":{\"resolutionSec\":{}}}}",
                "'targets.vip.resolutionSec' has the wrong type");
        nothingChanged();
    }

    @Test
    void aBodyThatIsNoJsonObjectIsRefused() {
        for (String path : PUTS) {
            for (String body : List.of("", "[]", "\"text\"", "42", "null")) {
                refused(path, body, "body must be a JSON object");
            }
            refused(path, "{\"name\":", "body is not valid JSON");
            admin().contentType("text/plain").body("name=x").put(path).then().statusCode(415);
        }
        nothingChanged();
    }

    @Test
    void businessHoursAndServiceLevelsNameWhatTheyCannotRead() {
        String hours = "/api/v1/admin/business-hours";
        refused(hours, "{\"weekly\":{\"mon\":[\"{x}\",\"$y\"],\"someday\":[]},\"holidays\":" + repeat(367,
                "\"2026-01-01\"") + "}", "'holidays' may list at most 366 dates; 'timeZone' is required, e.g."
                        + " Europe/Berlin; 'weekly' has an unknown day 'someday' (use mon, tue, wed, thu, fri, sat, sun);"
                        + " 'weekly.mon' has '$y': a range is HH:MM-HH:MM; 'weekly.mon' has '{x}': a range is"
                        + " HH:MM-HH:MM");
        refused(hours, "{\"timeZone\":\"UTC\"}", "'weekly' is required: {\"mon\":[\"09:00-18:00\"], ...}");
        // 1000 characters are 1000 code points, not UTF-16 units
        String emoji = "\uD83D\uDE00";
        refused(hours, "{\"timeZone\":\"UTC\",\"weekly\":{},\"offlineMessage\":\"" + emoji.repeat(1001) + "\"}",
                "'offlineMessage' must be text of 1..1000 characters");
        refused(hours, "{\"timeZone\":\"UTC\",\"weekly\":{},\"offlineMessage\":\" \\n \"}",
                "'offlineMessage' must be text of 1..1000 characters");
        nothingChanged();

        admin().body("{\"timeZone\":\"UTC\",\"weekly\":{},\"offlineMessage\":\"" + emoji.repeat(1000) + "\"}")
                .put(hours).then().statusCode(201);
        admin().get(hours).then().statusCode(200).body("offlineMessage", equalTo(emoji.repeat(1000)));
    }

    private void nothingChanged() {
        admin().get("/api/v1/admin/groups").then().statusCode(200).body("$", hasSize(0));
        admin().get("/api/v1/admin/agents").then().statusCode(200).body("$", hasSize(0));
        admin().get("/api/v1/admin/business-hours").then().statusCode(404);
        admin().get("/api/v1/admin/service-levels").then().statusCode(200).body("targets.size()", equalTo(0));
        admin().get("/api/v1/admin/audit").then().statusCode(200).body("entries", hasSize(0));
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM audit_log WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getLong(0));
    }
}
