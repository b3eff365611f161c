package io.parley.gateway.socket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.gateway.ChatClients;
import io.parley.gateway.TestSocket;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
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
 * A gateway holding parley.max-connections sockets refuses the next upgrade with 503 and takes one again once a
 * socket closes; the open sockets and the limit are on /q/metrics for the alert and the autoscaler.
 */
@QuarkusTest
@TestProfile(ConnectionLimitTest.TwoSockets.class)
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConnectionLimitTest {
    private static final String ORIGIN = "https://shop.example";

    public static class TwoSockets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.max-connections", "2");
        }
    }

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;

    @Test
    void theThirdSocketIsRefusedUntilOneCloses() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
        int port = base.getPort();
        String token = ChatClients.visitorToken(port, tenant, ORIGIN);
        try (TestSocket first = TestSocket.connect(vertx, port, "/ws/visitor", token, ORIGIN)) {
            assertEquals("welcome", first.next().path("type").asText());
            try (TestSocket second = TestSocket.connect(vertx, port, "/ws/visitor", token, ORIGIN)) {
                assertEquals("welcome", second.next().path("type").asText());
                given().get("/q/metrics").then().statusCode(200)
                        .body(containsString("parley_gateway_connections{kind=\"visitor\"} 2.0"))
                        .body(containsString("parley_gateway_connections_max 2.0"));
                assertEquals(503, TestSocket.rejection(vertx, port, "/ws/visitor", token, ORIGIN));
                // Agents count too: the limit is on sockets, whoever holds them.
                assertEquals(503, TestSocket.rejection(vertx, port, "/ws/agent",
                        TestTokens.token(tenant, "alice", "agent"), ORIGIN));
            }
            // The close is handled on the event loop; the next upgrade may race it for a moment.
            long deadline = System.currentTimeMillis() + 5_000;
            int status;
            do {
                status = TestSocket.rejection(vertx, port, "/ws/visitor", token, ORIGIN);
            } while (status != 101 && System.currentTimeMillis() < deadline && sleep());
            assertEquals(101, status, "a socket closed, so the gateway takes one again");
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }
}
