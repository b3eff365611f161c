package io.parley.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A Quarkus test resource: the service under test trusts {@link TestTokens}' identity provider, and nothing else. */
public class OidcTestKeys implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
    }
}
