package io.parley.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant's identity verification through the admin API: roles, validation, tenant isolation, audit. */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IdentityVerificationApiTest {
    static final String PATH = "/api/v1/admin/identity-verification";

    @Inject
    Pool pool;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "idv-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
    }

    RequestSpecification as(String tenantId, String user, String... roles) {
        return given().contentType("application/json")
                .header("Authorization", "Bearer " + TestTokens.token(tenantId, user, roles));
    }

    @Test
    void adminsSetTheModeAndMakeASecretShownOnce() {
        given().get(PATH).then().statusCode(401);
        as(tenant, "alice", "agent").get(PATH).then().statusCode(403);
        as(tenant, "sam", "supervisor").get(PATH).then().statusCode(200).body("mode", equalTo("optional"))
                .body("secretSet", equalTo(false));
        as(tenant, "sam", "supervisor").body("{\"mode\":\"required\"}").put(PATH).then().statusCode(403);

        as(tenant, "ada", "admin").body("{\"mode\":\"required\"}").put(PATH).then().statusCode(200)
                .body("mode", equalTo("required"));
        String secret = as(tenant, "ada", "admin").post(PATH + "/secret").then().statusCode(201).extract().path("secret");
        assertTrue(secret.length() >= 40, secret);
        as(tenant, "ada", "admin").get(PATH).then().statusCode(200).body("secretSet", equalTo(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        Row stored = pool.preparedQuery("SELECT identity_secret, identity_verification FROM tenant WHERE id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next();
        assertEquals(secret, stored.getString(0));
        assertEquals("required", stored.getString(1));

        // audited, without the secret
        String audit = pool.preparedQuery("SELECT string_agg(action || ' ' || coalesce(after::text, ''), ' | ' ORDER BY id)"
                + " FROM audit_log WHERE tenant_id = $1").executeAndAwait(Tuple.of(tenant)).iterator().next().getString(0);
        assertTrue(audit.contains("identity_verification_update") && audit.contains("identity_secret_rotate"), audit);
        assertTrue(!audit.contains(secret), "the audit never holds the secret");

        // another tenant's admin changes only their own tenant
        String other = "idv-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "eve", "admin").body("{\"mode\":\"off\"}").put(PATH).then().statusCode(404);
        as(other, "eve", "admin").post(PATH + "/secret").then().statusCode(404).body("message", equalTo("no such tenant"));
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM audit_log WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(other)).iterator().next().getLong(0));
        assertEquals("required", pool.preparedQuery("SELECT identity_verification FROM tenant WHERE id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getString(0));
        given().contentType("application/json").header("Authorization", "Bearer " + TestTokens.token(null, "x", "admin"))
                .get(PATH).then().statusCode(403).body("message", equalTo("token has no tenant"));
    }

    @Test
    void badBodiesAreRefusedAndChangeNothing() {
        as(tenant, "ada", "admin").body("{\"mode\":\"sometimes\"}").put(PATH).then().statusCode(400)
                .body("error", equalTo("bad_request")).body("message", equalTo("'mode' must be off, optional or required"));
        as(tenant, "ada", "admin").body("{}").put(PATH).then().statusCode(400)
                .body("message", equalTo("'mode' is required: off, optional or required"));
        as(tenant, "ada", "admin").body("{\"mode\":").put(PATH).then().statusCode(400)
                .body("message", equalTo("body is not valid JSON"));
        as(tenant, "ada", "admin").body("[1]").put(PATH).then().statusCode(400);
        as(tenant, "ada", "admin").body("{\"mode\":[\"off\"]}").put(PATH).then().statusCode(400)
                .body("message", equalTo("'mode' has the wrong type"));
        as(tenant, "ada", "admin").contentType("text/plain").body("mode=off").put(PATH).then().statusCode(415);
        as(tenant, "sam", "supervisor").get(PATH).then().body("mode", equalTo("optional"));
    }
}
