package io.parley.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

public class VisitorTokensProducer {

    @Produces
    @ApplicationScoped
    VisitorTokens visitorTokens(@ConfigProperty(name = "parley.visitor-token.secret") String secret,
            @ConfigProperty(name = "parley.visitor-token.ttl", defaultValue = "PT12H") Duration ttl) {
        return new VisitorTokens(secret, ttl);
    }
}
