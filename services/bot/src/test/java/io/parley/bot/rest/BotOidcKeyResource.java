package io.parley.bot.rest;

import java.util.Map;

import io.parley.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes the bot under test trust {@link TestTokens}' identity provider (and nothing else). */
public class BotOidcKeyResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
    }
}
