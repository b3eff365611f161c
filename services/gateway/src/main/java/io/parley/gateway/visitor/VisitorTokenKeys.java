package io.parley.gateway.visitor;

import io.parley.gateway.config.GatewayConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The visitor token keys from configuration. Whoever knows the secret can sign in as any visitor, so a packaged
 * gateway (whatever its profile) refuses to start with a secret that is missing, shorter than
 * {@value VisitorTokens#MIN_SECRET_BYTES} bytes, or one of the values committed in Parley's repository (the old
 * default, the test profile's); {@code ./parley up} generates one per machine. Tests use the test profile's.
 */
@ApplicationScoped
public class VisitorTokenKeys {
    /**
     * Every visitor token secret ever committed to the repository. {@code VisitorTokenKeysTest} scans the
     * repository and fails when a committed secret is missing here.
     */
    static final Set<String> COMMITTED = Set.of(
            "local-development-secret-change-me-0123456789",
            "test-profile-visitor-secret-never-use-in-production-0001");

    private final GatewayConfig config;

    public VisitorTokenKeys(GatewayConfig config) {
        this.config = config;
    }

    /**
     * Asks for the tokens at start, so the producer's checks fail the start (every problem named) rather than the
     * first visitor's request.
     */
    void checkAtStart(@Observes StartupEvent started, VisitorTokens tokens) {
        tokens.expiry(Instant.now());
    }

    @Produces
    @ApplicationScoped
    VisitorTokens visitorTokens() {
        GatewayConfig.VisitorToken settings = config.visitorToken();
        List<String> problems = problems(settings, LaunchMode.current() == LaunchMode.NORMAL);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start: " + String.join("; ", problems));
        }
        VisitorTokens.Key current = new VisitorTokens.Key(settings.kid(), settings.secret().orElseThrow());
        VisitorTokens.Key previous = settings.previousSecret()
                .map(secret -> new VisitorTokens.Key(settings.previousKid().orElseThrow(), secret)).orElse(null);
        return new VisitorTokens(current, previous, settings.ttl());
    }

    /** What is wrong with the visitor token settings; {@code packaged}: also refuse committed secrets. */
    static List<String> problems(GatewayConfig.VisitorToken settings, boolean packaged) {
        List<String> problems = new ArrayList<>();
        secretProblem("PARLEY_VISITOR_TOKEN_SECRET (parley.visitor-token.secret)", settings.secret(), packaged)
                .ifPresent(problems::add);
        if (settings.previousSecret().isPresent()) {
            secretProblem("PARLEY_VISITOR_TOKEN_PREVIOUS_SECRET (parley.visitor-token.previous-secret)",
                    settings.previousSecret(), packaged).ifPresent(problems::add);
            String previousKid = settings.previousKid().orElse("");
            if (previousKid.isBlank() || previousKid.equals(settings.kid())) {
                problems.add("PARLEY_VISITOR_TOKEN_PREVIOUS_KID must name the previous secret's key id, different from"
                        + " PARLEY_VISITOR_TOKEN_KID (" + settings.kid() + ")");
            }
        }
        return problems;
    }

    private static Optional<String> secretProblem(String name, Optional<String> secret, boolean packaged) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            return Optional.of(name + " is not set: generate one, e.g. openssl rand -base64 48");
        }
        if (secret.get().getBytes(StandardCharsets.UTF_8).length < VisitorTokens.MIN_SECRET_BYTES) {
            return Optional.of(name + " is shorter than " + VisitorTokens.MIN_SECRET_BYTES + " bytes");
        }
        if (packaged && COMMITTED.contains(secret.get())) {
            return Optional.of(name + " is a value published in Parley's repository: generate your own");
        }
        return Optional.empty();
    }
}
