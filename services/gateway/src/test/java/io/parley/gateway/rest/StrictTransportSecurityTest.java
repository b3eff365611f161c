package io.parley.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.parley.testkit.OidcTestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** HSTS is the gateway's own, on pages, the API and refusals alike (so it holds behind any ingress). */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StrictTransportSecurityTest {
    private static final String HSTS = "max-age=31536000; includeSubDomains";

    @Test
    void everyKindOfResponseCarriesIt() {
        given().get("/console/").then().statusCode(200).header("Strict-Transport-Security", equalTo(HSTS));
        given().get("/api/v1/tickets").then().statusCode(401).header("Strict-Transport-Security", equalTo(HSTS));
        given().contentType("application/json").body("{").post("/api/v1/widget/sessions").then().statusCode(400)
                .header("Strict-Transport-Security", equalTo(HSTS));
    }
}
