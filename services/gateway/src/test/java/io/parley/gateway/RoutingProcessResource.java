package io.parley.gateway;

import io.parley.testkit.TestTokens;
import io.parley.common.Topics;
import io.parley.testkit.KafkaBacklog;
import io.parley.testkit.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real routing service (its packaged jar, built earlier in the reactor) against the same PostgreSQL,
 * Redis and Kafka, and configures the gateway under test to trust {@link TestTokens}' identity provider.
 */
public class RoutingProcessResource implements QuarkusTestResourceLifecycleManager {
    public static final int ROUTING_PORT = 18181;
    public static final Map<String, String> TEST_DATABASE = Map.of(
            "PARLEY_DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/parley_test",
            "PARLEY_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test",
            "PARLEY_QUEUE_SWEEP", "1s",
            "PARLEY_ROUTING_GROUP", "parley-routing-test");
    private ServiceProcess routing;

    /**
     * Environment for a gateway process on the test database that verifies agent tokens with {@link TestTokens}'
     * key ({@code static-key} profile) and signs visitor tokens with a secret made for this run (a packaged
     * gateway refuses to start without one of its own); mutable, so a test can add to it.
     */
    public static Map<String, String> staticKeyGatewayEnv() {
        Map<String, String> env = new HashMap<>(TEST_DATABASE);
        env.put("QUARKUS_PROFILE", "static-key");
        env.put("PARLEY_OIDC_PUBLIC_KEY", TestTokens.publicKeyBase64());
        env.put("PARLEY_OIDC_ISSUER", TestTokens.ISSUER);
        env.put("PARLEY_VISITOR_TOKEN_SECRET", VISITOR_TOKEN_SECRET);
        return env;
    }

    /** As {@link #staticKeyGatewayEnv()}, without the per-socket send limit (it would cap a streaming test's load). */
    public static Map<String, String> streamingGatewayEnv() {
        Map<String, String> env = staticKeyGatewayEnv();
        env.put("PARLEY_SEND_RATE", "100000");
        env.put("PARLEY_SEND_BURST", "100000");
        return env;
    }

    /** One visitor token secret for every gateway process of this test run (they must all verify each other's). */
    public static final String VISITOR_TOKEN_SECRET = "it-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();

    /** A pool on the test database, for a test's own reads and writes. */
    public static Pool testDatabase(Vertx vertx) {
        return PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432)
                .setDatabase("parley_test").setUser("parley").setPassword("parley")).using(vertx).build();
    }

    @Override
    public Map<String, String> start() {
        try {
            // Sends other runs left on the topics (a benchmark, an interrupted test) would queue before this test's.
            KafkaBacklog.skip("127.0.0.1:9092", TEST_DATABASE.get("PARLEY_ROUTING_GROUP"),
                    List.of(Topics.INBOUND, Topics.COMMANDS));
            routing = ServiceProcess.startModule("routing-under-test", "routing", ROUTING_PORT, TEST_DATABASE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        if (routing != null) {
            routing.close();
        }
    }
}
