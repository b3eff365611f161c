package io.parley.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
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

/** The widget's look and texts through the admin API: roles, validation, tenant isolation, audit, the public view. */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WidgetSettingsApiTest {
    static final String PATH = "/api/v1/admin/widget";
    static final String THEMED = """
            {"color":"#c0392b","position":"left","title":"Acme help","avatarUrl":"https://cdn.example/a.png",
             "greeting":"Hi! Ask us anything.","sound":true,
             "texts":{"zh-CN":{"title":"Acme 客服","placeholder":"写点什么…"},"en":{"send":"Go"}},
             "preChat":{"enabled":true,"fields":[{"name":"name","required":true},{"name":"email","type":"email"},
               {"name":"order","label":{"en":"Order number","zh-CN":"订单号"}}]}}""";

    @Inject
    Pool pool;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "wid-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
    }

    RequestSpecification as(String tenantId, String user, String... roles) {
        return given().contentType("application/json")
                .header("Authorization", "Bearer " + TestTokens.token(tenantId, user, roles));
    }

    @Test
    void adminsThemeTheWidgetAndVisitorsSeeIt() {
        given().get(PATH).then().statusCode(401);
        as(tenant, "alice", "agent").get(PATH).then().statusCode(403);
        as(tenant, "sam", "supervisor").get(PATH).then().statusCode(200).body("color", nullValue());
        as(tenant, "sam", "supervisor").body(THEMED).put(PATH).then().statusCode(403);

        as(tenant, "ada", "admin").body(THEMED).put(PATH).then().statusCode(200).body("color", equalTo("#c0392b"));
        as(tenant, "sam", "supervisor").get(PATH).then().statusCode(200).body("position", equalTo("left"))
                .body("texts.zh-CN.title", equalTo("Acme 客服"));
        // Public, and changed at once on this gateway (the directory is invalidated).
        given().get("/api/v1/widget/config/" + tenant).then().statusCode(200).body("color", equalTo("#c0392b"))
                .body("position", equalTo("left")).body("title", equalTo("Acme help")).body("sound", equalTo(true))
                .body("avatarUrl", equalTo("https://cdn.example/a.png")).body("greeting", equalTo("Hi! Ask us anything."))
                .body("texts.en.send", equalTo("Go")).body("preChat.enabled", equalTo(true))
                .body("preChat.fields[2].label.zh-CN", equalTo("订单号")).body("preChat.fields[0].required", equalTo(true));

        String audit = pool.preparedQuery("SELECT string_agg(action || ' ' || actor_id, ' | ') FROM audit_log WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getString(0);
        assertEquals("widget_update ada", audit);

        // Another tenant's admin reaches only their own tenant.
        String other = "wid-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "eve", "admin").body("{\"color\":\"#000000\"}").put(PATH).then().statusCode(404);
        given().get("/api/v1/widget/config/" + tenant).then().body("color", equalTo("#c0392b"));
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        as(tenant, "ada", "admin").body(THEMED).put(PATH).then().statusCode(200);
        String[][] cases = {
            { "{\"color\":\"red\"}", "'color' must be #rrggbb" },
            { "{\"position\":\"top\"}", "'position' must be left or right" },
            { "{\"title\":\"" + "t".repeat(61) + "\"}", "'title' must be at most 60 characters" },
            { "{\"avatarUrl\":\"javascript:alert(1)\"}", "'avatarUrl' must be an http(s) URL" },
            { "{\"avatarUrl\":\"https://x.example/a.png\\\" onerror=\\\"alert(1)\"}", "'avatarUrl' must be an http(s) URL" },
            { "{\"greeting\":\"" + "g".repeat(301) + "\"}", "'greeting' must be at most 300 characters" },
            { "{\"texts\":{\"fr\":{\"send\":\"Envoyer\"}}}", "'texts' must map en or zh-CN" },
            { "{\"texts\":{\"en\":{\"launchRockets\":\"x\"}}}", "'texts' must map en or zh-CN" },
            { "{\"texts\":{\"en\":{\"send\":\"\"}}}", "'texts' must map en or zh-CN" },
            { "{\"sound\":\"loud\"}", "" },
            { "{\"preChat\":{\"enabled\":true,\"fields\":[{\"name\":\"bad name\"}]}}", "each of 'preChat.fields'" },
            { "{\"preChat\":{\"enabled\":true,\"fields\":[{\"name\":\"email\",\"type\":\"date\"}]}}", "each of 'preChat.fields'" },
            { "{\"preChat\":{\"enabled\":true,\"fields\":[{\"name\":\"x\",\"label\":{\"fr\":\"X\"}}]}}", "each of 'preChat.fields'" },
            { "{\"preChat\":{\"enabled\":true,\"fields\":[null]}}", "each of 'preChat.fields'" },
            { "{\"preChat\":{\"fields\":[" + "{\"name\":\"a\"},".repeat(10) + "{\"name\":\"a\"}]}}",
                "'preChat.fields' must be an array of at most 10 fields" },
            { "{\"colour\":\"#000000\"}", "colour" },
            { "[]", "" },
            { "{\"color\":", "body is not valid JSON" },
        };
        for (String[] c : cases) {
            as(tenant, "ada", "admin").body(c[0]).put(PATH).then().statusCode(400).body("error", equalTo("bad_request"))
                    .body("message", containsString(c[1]));
        }
        as(tenant, "ada", "admin").body("{\"color\":\"red\",\"position\":\"top\"}").put(PATH).then().statusCode(400)
                .body("message", equalTo("'color' must be #rrggbb; 'position' must be left or right"));
        as(tenant, "ada", "admin").body("{\"color\":\"#000000\"}").contentType("text/plain").put(PATH).then().statusCode(415);
        given().get("/api/v1/widget/config/" + tenant).then().body("color", equalTo("#c0392b")).body("position", equalTo("left"));
        long audits = pool.preparedQuery("SELECT count(*) FROM audit_log WHERE tenant_id = $1").executeAndAwait(Tuple.of(tenant))
                .iterator().next().getLong(0);
        assertTrue(audits == 1, "only the one valid change is audited: " + audits);
    }
}
