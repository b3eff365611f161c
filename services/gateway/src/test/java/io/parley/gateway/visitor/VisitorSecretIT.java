package io.parley.gateway.visitor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.gateway.RoutingProcessResource;
import io.parley.testkit.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway, started as a platform team would (prod profile), refuses to start with a visitor token
 * secret anyone could know: none at all, or the value this repository's test profile uses. Nothing listens then,
 * and the log says what to do.
 */
class VisitorSecretIT {

    static String refusedStart(String name, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(RoutingProcessResource.TEST_DATABASE);
        env.putAll(extra);
        assertThrows(IllegalStateException.class, () -> {
            try (ServiceProcess gateway = ServiceProcess.startModule(name, "gateway", 18791, env)) {
                // started: the assertion below fails
            }
        });
        return Files.readString(Path.of("target", name + ".log"));
    }

    @Test
    void noSecretNoStart() throws Exception {
        String log = refusedStart("gateway-no-secret", Map.of());
        assertTrue(log.contains("refusing to start: PARLEY_VISITOR_TOKEN_SECRET (parley.visitor-token.secret) is not set"),
                log);
    }

    @Test
    void aSecretPublishedInTheRepositoryIsRefused() throws Exception {
        String log = refusedStart("gateway-published-secret", Map.of("PARLEY_VISITOR_TOKEN_SECRET",
                "test-profile-visitor-secret-never-use-in-production-0001"));
        assertTrue(log.contains("is a value published in Parley's repository: generate your own"), log);
    }
}
