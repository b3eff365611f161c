package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 6: with no reachable Kafka broker a send is answered {@code unavailable}, never acked, never stored;
 * and a ticket change stands with its event kept in the tickets outbox.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens, connections are refused at once.
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
                    "quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                    "quarkus.oidc.token.issuer", TestTokens.ISSUER);
        }
    }

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;

    @Test
    void sendIsAnsweredUnavailableAndNothingIsStored() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ChatPathTest.ORIGIN }));
        String token = given().contentType("application/json").header("Origin", ChatPathTest.ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().statusCode(201)
                .extract().path("token");
        try (TestSocket visitor = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", token, ChatPathTest.ORIGIN)) {
            assertEquals("welcome", visitor.next().path("type").asText());
            visitor.send(ChatPathTest.send("lost-1", null, "is anyone there?"));
            JsonNode reply = visitor.next();
            assertEquals("error", reply.path("type").asText(), "expected an error, got " + reply);
            assertEquals("unavailable", reply.path("code").asText());
            assertEquals("lost-1", reply.path("ref").asText());
        }
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM conversation WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getLong(0));
    }

    @Test
    void aTicketChangeStandsAndItsEventWaitsInTheOutbox() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        long id = given().contentType("application/json")
                .header("Authorization", "Bearer " + TestTokens.token(tenant, "alice", "agent"))
                .body("{\"subject\":\"Kafka is down\",\"requesterId\":\"v1\"}").post("/api/v1/tickets").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        Thread.sleep(3_000); // the relay's tries (every second) all fail meanwhile
        var waiting = pool.preparedQuery("SELECT payload FROM ticket_outbox WHERE ticket_id = $1")
                .executeAndAwait(Tuple.of(id));
        assertEquals(1, waiting.size(), "the event is kept until a broker takes it");
        assertTrue(waiting.iterator().next().getString("payload").contains("\"kind\":\"created\""));
        // The outbox is shared: this test's row would go out with the next healthy relay; it is not left behind.
        pool.preparedQuery("DELETE FROM ticket_outbox WHERE ticket_id = $1").executeAndAwait(Tuple.of(id));
    }
}
