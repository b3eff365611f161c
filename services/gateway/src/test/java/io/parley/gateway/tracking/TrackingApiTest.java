package io.parley.gateway.tracking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.json.Json;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Visitor tracking (docs/widget.md, "Visitor tracking"): a tenant's site reports page views before anyone chats,
 * agents of that tenant (only) see the live visitors with their pages and invite one, whose next report takes the
 * invitation once; bad reports are refused and store nothing; old trails are deleted.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TrackingApiTest {
    static final String ORIGIN = "https://shop.example";
    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    @Inject
    Pool pool;
    @Inject
    PageViews pageViews;

    String tenant;
    String device;
    String visit;

    @BeforeEach
    void tenant() {
        tenant = newTenant("{}");
        device = "dev" + UUID.randomUUID().toString().replace("-", "");
        visit = "visit" + UUID.randomUUID().toString().substring(0, 8);
    }

    String newTenant(String widget) {
        return TestTenants.create(pool, "track", ORIGIN, widget);
    }

    Map<String, Object> view(String url, String title) {
        Map<String, Object> view = new HashMap<>();
        view.put("tenant", tenant);
        view.put("deviceId", device);
        view.put("visitId", visit);
        view.put("url", url);
        view.put("title", title);
        view.put("referrer", "https://search.example/?q=shoes");
        return view;
    }

    ValidatableResponse report(String body, String origin) {
        var request = given().contentType("text/plain").header("User-Agent", CHROME).header("CF-IPCountry", "de");
        if (origin != null) {
            request = request.header("Origin", origin);
        }
        return request.body(body).post("/api/v1/widget/track").then();
    }

    String agent(String tenantId) {
        return "Bearer " + TestTokens.token(tenantId, "alice", "agent");
    }

    long stored(String tenantId) {
        return pool.preparedQuery("SELECT count(*) FROM page_view WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenantId)).iterator().next().getLong(0);
    }

    @Test
    void pagesAreTrackedBeforeAnyChatAndAgentsInviteALiveVisitor() {
        report(Json.write(view("https://shop.example/", "Shop")), ORIGIN).statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN).body("invitation", nullValue());
        String title = "<img src=x onerror=alert(1)> Pricing";
        report(Json.write(view("https://shop.example/pricing?plan=pro", title)), ORIGIN).statusCode(200);
        Map<String, Object> beat = view("https://shop.example/pricing?plan=pro", title);
        beat.put("heartbeat", true);
        report(Json.write(beat), ORIGIN).statusCode(200);

        given().header("Authorization", agent(tenant)).get("/api/v1/visitors/live").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].deviceId", equalTo(device)).body("[0].visitId", equalTo(visit))
                .body("[0].url", equalTo("https://shop.example/pricing?plan=pro")).body("[0].title", equalTo(title))
                .body("[0].pages", equalTo(2)).body("[0].referrer", equalTo("https://search.example/?q=shoes"))
                .body("[0].device", equalTo("desktop · Chrome · Linux")).body("[0].country", equalTo("DE"));
        given().header("Authorization", agent(tenant)).get("/api/v1/visitors/live/" + device + "/pages").then()
                .statusCode(200).body("$", hasSize(2)).body("[0].url", equalTo("https://shop.example/"))
                .body("[1].title", equalTo(title));
        assertEquals(2, stored(tenant), "a heartbeat is not a page view");

        // Another tenant's agents see nothing of it and cannot invite.
        String other = newTenant("{}");
        given().header("Authorization", agent(other)).get("/api/v1/visitors/live").then().statusCode(200)
                .body("$", hasSize(0));
        given().header("Authorization", agent(other)).contentType("application/json").body("{\"text\":\"hi\"}")
                .post("/api/v1/visitors/live/" + device + "/invitation").then().statusCode(404);
        given().header("Authorization", agent(other)).get("/api/v1/visitors/live/" + device + "/pages").then()
                .statusCode(404);

        given().header("Authorization", agent(tenant)).contentType("application/json")
                .body("{\"text\":\"  Questions about <b>pricing</b>?  \"}")
                .post("/api/v1/visitors/live/" + device + "/invitation").then().statusCode(202);
        report(Json.write(beat), ORIGIN).statusCode(200).body("invitation.text", equalTo("Questions about <b>pricing</b>?"))
                .body("invitation.from", equalTo("team")).body("invitation.name", equalTo("alice"));
        report(Json.write(beat), ORIGIN).statusCode(200).body("invitation", nullValue());
    }

    @Test
    void badReportsAreRefusedAndStoreNothing() {
        String good = Json.write(view("https://shop.example/", "Shop"));
        report("{\"tenant\":", ORIGIN).statusCode(400).body("error", equalTo("bad_request"));
        report("", ORIGIN).statusCode(400);
        report("[1,2]", ORIGIN).statusCode(400);
        report(good.replace("\"url\"", "\"spy\":1,\"url\""), ORIGIN).statusCode(400);
        Map<String, Object> bad = view("javascript:alert(1)", "x".repeat(301));
        bad.put("deviceId", "short");
        report(Json.write(bad), ORIGIN).statusCode(400).body("message", equalTo(
                "'deviceId' and 'visitId' must be 8..64 of A-Z a-z 0-9 _ -; 'title' must be at most 300 characters;"
                        + " 'url' must be an http(s) URL of at most 2000 characters"));
        report(good, "https://evil.example").statusCode(403).body("error", equalTo("forbidden"));
        report(good.replace(tenant, "no-such-tenant"), ORIGIN).statusCode(404);
        String closed = newTenant("{\"tracking\":false}");
        report(good.replace(tenant, closed), ORIGIN).statusCode(403)
                .body("message", equalTo("visitor tracking is off for this tenant"));
        assertEquals(0, stored(tenant));
        assertEquals(0, stored(closed));

        given().get("/api/v1/visitors/live").then().statusCode(401);
        given().header("Authorization", agent(tenant)).contentType("application/json").body("{\"text\":\" \"}")
                .post("/api/v1/visitors/live/" + device + "/invitation").then().statusCode(400);
        given().header("Authorization", agent(tenant)).contentType("application/json")
                .body("{\"text\":\"" + "x".repeat(301) + "\"}")
                .post("/api/v1/visitors/live/" + device + "/invitation").then().statusCode(400);
        given().header("Authorization", agent(tenant)).contentType("application/json").body("{\"text\":\"hi\"}")
                .post("/api/v1/visitors/live/" + device + "/invitation").then().statusCode(404)
                .body("message", equalTo("no such live visitor"));
    }

    @Test
    void trailsOlderThanTheRetentionAreDeleted() {
        report(Json.write(view("https://shop.example/today", "Today")), ORIGIN).statusCode(200);
        pool.preparedQuery("INSERT INTO page_view (tenant_id, device_id, visit_id, url, viewed_at) VALUES ($1, $2, $3, $4, $5)")
                .executeAndAwait(Tuple.of(tenant, device, "old-visit", "https://shop.example/old",
                        OffsetDateTime.now(ZoneOffset.UTC).minusDays(31)));
        assertEquals(2, stored(tenant));
        pageViews.sweep().await().indefinitely(); // the default retention, 30 days
        assertEquals(1, stored(tenant));
        assertEquals("https://shop.example/today", pool.preparedQuery("SELECT url FROM page_view WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getString(0));
    }

    @Test
    void theAgentSeesThePagesOfTheVisitorTheyAnswer() {
        report(Json.write(view("https://shop.example/shoes", "Shoes")), ORIGIN).statusCode(200);
        report(Json.write(view("https://shop.example/pricing", "Pricing")), ORIGIN).statusCode(200);
        String visitorId = given().contentType("application/json").header("Origin", ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\",\"deviceId\":\"" + device + "\"}")
                .post("/api/v1/widget/sessions").then().statusCode(201).extract().path("visitorId");
        given().header("Authorization", agent(tenant)).get("/api/v1/visitors/" + visitorId + "/pages").then()
                .statusCode(200).body("$", hasSize(2)).body("[0].title", equalTo("Pricing"))
                .body("[1].url", equalTo("https://shop.example/shoes"));
        given().header("Authorization", agent(newTenant("{}"))).get("/api/v1/visitors/" + visitorId + "/pages")
                .then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v1/visitors/" + visitorId + "/pages").then().statusCode(401);
        given().contentType("application/json").header("Origin", ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\",\"deviceId\":\"<b>\"}").post("/api/v1/widget/sessions").then()
                .statusCode(400).body("message", equalTo("'deviceId' must be 8..64 of A-Z a-z 0-9 _ -"));
    }
}
