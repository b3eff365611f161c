package io.parley.testkit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A test identity provider: an RSA key pair made once per JVM and real RS256 JWTs signed with it, shaped like the
 * access tokens Parley's services accept (claims {@code iss}, {@code sub}, {@code preferred_username}, the Parley
 * claim {@code tenant}, roles, {@code iat}, {@code exp}). A service under test trusts it by configuring
 * {@code quarkus.oidc.public-key} = {@link #publicKeyBase64()} and {@code quarkus.oidc.token.issuer} = {@link #ISSUER}.
 *
 * <p>Roles go in the MicroProfile JWT claim {@code groups} by default, or in Keycloak's {@code realm_access.roles}
 * ({@link Builder#keycloakRoles()}): quarkus-oidc reads either when no {@code quarkus.oidc.roles.role-claim-path} is
 * configured.
 */
public final class TestTokens {
    /** The issuer of every token made here (unless {@link Builder#issuer} says otherwise). */
    public static final String ISSUER = "https://idp.parley.test";

    /**
     * The trusted key, the same in every class loader and JVM of a test run (derived from a fixed seed): a Quarkus
     * test profile's configuration and the test itself load this class separately, and must agree on the key.
     * Test-only: nothing outside tests trusts it.
     */
    private static final KeyPair KEYS = seededKeyPair();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {
    }

    /** A fresh 2048-bit RSA key pair (e.g. to forge a token that the service must refuse). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair seededKeyPair() {
        try {
            java.security.SecureRandom seeded = java.security.SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed("parley-testkit-test-tokens".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, seeded);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trusted public key, base64 X.509 (SubjectPublicKeyInfo): the form {@code quarkus.oidc.public-key} takes. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** A token valid for ten minutes for {@code subject} of {@code tenant} (null: no tenant claim) with these roles. */
    public static String token(String tenant, String subject, String... roles) {
        return builder().tenant(tenant).subject(subject).roles(roles).sign();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One token; defaults: subject {@code user}, no tenant, no roles, issuer {@link #ISSUER}, ten minutes, trusted key. */
    public static final class Builder {
        private String tenant;
        private String subject = "user";
        private List<String> roles = List.of();
        private boolean keycloakRoles;
        private String issuer = ISSUER;
        private Instant expiry = Instant.now().plus(Duration.ofMinutes(10));
        private KeyPair keys = KEYS;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {
        }

        /** The {@code tenant} claim; null leaves it out. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        /** Roles in {@code realm_access.roles} (as Keycloak puts realm roles) instead of {@code groups}. */
        public Builder keycloakRoles() {
            this.keycloakRoles = true;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** When the token expires ({@code exp}); a past instant makes an expired token. */
        public Builder expiry(Instant expiry) {
            this.expiry = expiry;
            return this;
        }

        /** Signs with another key pair (a forged token, as far as the service under test is concerned). */
        public Builder signedWith(KeyPair keys) {
            this.keys = keys;
            return this;
        }

        /** Any further claim. */
        public Builder claim(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        /** The compact RS256 JWT. */
        public String sign() {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", issuer);
            claims.put("sub", subject);
            claims.put("preferred_username", subject);
            if (keycloakRoles) {
                claims.put("realm_access", Map.of("roles", roles));
            } else {
                claims.put("groups", roles);
            }
            if (tenant != null) {
                claims.put("tenant", tenant);
            }
            claims.put("iat", Math.min(Instant.now().getEpochSecond(), expiry.getEpochSecond()) - 5);
            claims.put("exp", expiry.getEpochSecond());
            claims.putAll(extra);
            try {
                String body = B64URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(keys.getPrivate());
                signature.update(body.getBytes(StandardCharsets.UTF_8));
                return body + "." + B64URL.encodeToString(signature.sign());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("claims are not JSON-serialisable", e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
