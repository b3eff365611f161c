package io.parley.gateway;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/** A test's own tenant (a fresh id, so tests share no state) and its visitors, as the REST tests make them. */
public final class TestTenants {
    private TestTenants() {
    }

    /** A new tenant allowing {@code origin}, with these widget settings (JSON). */
    public static String create(Pool pool, String prefix, String origin, String widget) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins, widget) VALUES ($1, $1, $2, ($3::text)::jsonb)")
                .executeAndAwait(Tuple.of(id, new String[] { origin }, widget));
        return id;
    }

    /** A new visitor's session from a page of {@code origin}: [visitorId, token]. */
    public static String[] visitor(String tenant, String origin) {
        JsonNode s = Json.read(given().contentType("application/json").header("Origin", origin)
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().statusCode(201)
                .extract().asString(), JsonNode.class);
        return new String[] { s.path("visitorId").asText(), s.path("token").asText() };
    }
}
