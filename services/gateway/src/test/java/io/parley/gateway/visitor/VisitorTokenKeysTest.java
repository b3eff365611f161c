package io.parley.gateway.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A packaged gateway refuses visitor token secrets that are missing, short, or published in this repository; and
 * every secret committed to the repository is on that list (the scan fails when someone commits a new one).
 */
class VisitorTokenKeysTest {
    static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    static GatewayConfig.VisitorToken settings(String secret, String kid, String previous, String previousKid) {
        return new GatewayConfig.VisitorToken() {
            public Optional<String> secret() {
                return Optional.ofNullable(secret);
            }

            public String kid() {
                return kid;
            }

            public Optional<String> previousSecret() {
                return Optional.ofNullable(previous);
            }

            public Optional<String> previousKid() {
                return Optional.ofNullable(previousKid);
            }

            public Duration ttl() {
                return Duration.ofHours(12);
            }
        };
    }

    @Test
    void missingShortAndPublishedSecretsAreRefusedWhenPackaged() {
        String good = "a-secret-of-this-machine-0123456789-abcdef";
        assertEquals(List.of(), VisitorTokenKeys.problems(settings(good, "1", null, null), true));
        assertEquals(List.of("PARLEY_VISITOR_TOKEN_SECRET (parley.visitor-token.secret) is not set: generate one, e.g. "
                + "openssl rand -base64 48"), VisitorTokenKeys.problems(settings(null, "1", null, null), true));
        assertEquals(List.of("PARLEY_VISITOR_TOKEN_SECRET (parley.visitor-token.secret) is shorter than 32 bytes"),
                VisitorTokenKeys.problems(settings("short", "1", null, null), true));
        for (String published : VisitorTokenKeys.COMMITTED) {
            assertEquals(List.of("PARLEY_VISITOR_TOKEN_SECRET (parley.visitor-token.secret) is a value published in "
                    + "Parley's repository: generate your own"),
                    VisitorTokenKeys.problems(settings(published, "1", null, null), true));
            assertEquals(List.of(), VisitorTokenKeys.problems(settings(published, "1", null, null), false),
                    "tests may use the test profile's");
        }
        assertEquals(2, VisitorTokenKeys.problems(settings(good, "1", "short", "1"), true).size(),
                "a short previous secret, and a previous kid equal to the current one");
        assertEquals(List.of(), VisitorTokenKeys.problems(settings(good, "2", good + "-old", "1"), true));
    }

    /** Every literal assigned to a visitor token secret anywhere in the repository is on the refused list. */
    @Test
    void everySecretCommittedToTheRepositoryIsRefused() throws IOException {
        Pattern assignment = Pattern.compile(
                "(?:visitor-token\\.(?:previous-)?secret\\s*=\\s*(?:\\$\\{[A-Z_]+:)?|PARLEY_VISITOR_TOKEN_(?:PREVIOUS_)?SECRET[=:]\\s*)"
                        + "([A-Za-z0-9_.+/=-]{8,})");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file : files.filter(Files::isRegularFile).filter(VisitorTokenKeysTest::source).toList()) {
                Matcher m = assignment.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1).replaceAll("[}\"']+$", ""));
                }
            }
        }
        assertTrue(found.contains("test-profile-visitor-secret-never-use-in-production-0001"),
                "the scan finds the test profile's secret: " + found);
        found.removeAll(VisitorTokenKeys.COMMITTED);
        assertEquals(Set.of(), found, "committed visitor token secrets missing from VisitorTokenKeys.COMMITTED");
    }

    private static boolean source(Path file) {
        String path = REPOSITORY.relativize(file).toString();
        return !path.startsWith(".git") && !path.contains("/target/") && !path.contains("node_modules")
                && !path.startsWith(".parley") && (path.endsWith(".properties") || path.endsWith(".java")
                        || path.endsWith(".sh") || path.endsWith(".md") || path.endsWith(".yaml")
                        || path.endsWith(".yml") || path.endsWith(".json") || path.endsWith("parley"));
    }
}
