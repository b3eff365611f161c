package io.parley.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The environment a benchmark starts the packaged services with: the test database, their ports, and for the
 * gateway the static-key profile trusting the benchmark's own token keys and a fresh visitor-token secret.
 */
final class BenchEnv {
    private static final Map<String, String> DATABASE = Map.of(
            "PARLEY_DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/parley_test",
            "PARLEY_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");

    private BenchEnv() {
    }

    static Map<String, String> routing(int port) {
        Map<String, String> env = new HashMap<>(DATABASE);
        env.put("PARLEY_ROUTING_PORT", String.valueOf(port));
        return env;
    }

    static Map<String, String> gateway(int port, AgentTokens tokens) {
        Map<String, String> env = new HashMap<>(DATABASE);
        env.put("PARLEY_GATEWAY_PORT", String.valueOf(port));
        env.put("QUARKUS_PROFILE", "static-key");
        env.put("PARLEY_OIDC_PUBLIC_KEY", tokens.publicKeyBase64());
        env.put("PARLEY_OIDC_ISSUER", AgentTokens.ISSUER);
        env.put("PARLEY_VISITOR_TOKEN_SECRET", "bench-" + UUID.randomUUID() + UUID.randomUUID());
        return env;
    }
}
