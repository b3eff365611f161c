package io.parley.gateway;

import io.parley.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test identity provider's signing key: agent tokens are real RS256 JWTs, verified by quarkus-oidc against
 * the public key the test resource configures.
 */
public final class TestTokens {
    public static final String ISSUER = "https://idp.parley.test";
    static final KeyPair KEYS = generate();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String agent(String tenant, String agentId, String... roles) {
        return sign(KEYS, ISSUER, tenant, agentId, List.of(roles), Instant.now().plusSeconds(600));
    }

    public static String sign(KeyPair keys, String issuer, String tenant, String subject, List<String> roles,
            Instant expiry) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("preferred_username", subject);
        claims.put("groups", roles);
        if (tenant != null) {
            claims.put("tenant", tenant);
        }
        claims.put("iat", Instant.now().getEpochSecond() - 5);
        claims.put("exp", expiry.getEpochSecond());
        String body = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(body.getBytes(StandardCharsets.UTF_8));
            return body + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
