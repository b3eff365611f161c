package io.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A throw-away identity provider: the gateway runs with the static-key profile and trusts this key, so agent
 * tokens are real RS256 JWTs verified by quarkus-oidc, and no Keycloak is needed.
 */
final class AgentTokens {
    static final String ISSUER = "https://bench.parley";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyPair keys;

    AgentTokens() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    /** Base64 X.509 (SubjectPublicKeyInfo) form, as PARLEY_OIDC_PUBLIC_KEY expects. */
    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    String agent(String tenant, String agentId) throws Exception {
        return token(tenant, agentId, "agent");
    }

    String supervisor(String tenant, String id) throws Exception {
        return token(tenant, id, "supervisor");
    }

    private String token(String tenant, String agentId, String role) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", agentId);
        claims.put("preferred_username", agentId);
        claims.put("groups", List.of(role));
        claims.put("tenant", tenant);
        claims.put("iat", Instant.now().getEpochSecond() - 5);
        claims.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
        String body = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(body.getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(signature.sign());
    }
}
