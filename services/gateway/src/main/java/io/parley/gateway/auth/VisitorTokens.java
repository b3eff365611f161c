package io.parley.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.parley.common.model.RoutingHints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived visitor JWTs (HS256), signed and verified by Parley itself with a secret shared by all gateways.
 * Kept separate from OIDC on purpose: visitors are anonymous and never see the agents' identity provider.
 */
public final class VisitorTokens {
    public static final String ISSUER = "parley";
    public static final String AUDIENCE = "parley-visitor";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    /** Who a verified token speaks for. */
    public record VisitorClaims(String tenant, String visitorId, String name, Instant expiresAt,
            RoutingHints routing) {
    }

    private final SecretKeySpec key;
    private final Duration ttl;

    public VisitorTokens(String secret, Duration ttl) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("the visitor token secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.ttl = ttl;
    }

    public String issue(String tenant, String visitorId, String name, Instant now) {
        return issue(tenant, visitorId, name, RoutingHints.NONE, now);
    }

    /** {@code routing} travels in the token so every gateway opens the conversation with the same hints. */
    public String issue(String tenant, String visitorId, String name, RoutingHints routing, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", visitorId);
        claims.put("tenant", tenant);
        if (name != null) {
            claims.put("name", name);
        }
        if (routing != null && !routing.equals(RoutingHints.NONE)) {
            claims.put("routing", routing);
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        String body = HEADER + "." + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(sign(body));
    }

    public Instant expiry(Instant now) {
        return now.plus(ttl);
    }

    /** Returns the claims, or null when the token is malformed, forged, expired or not a visitor token. */
    public VisitorClaims verify(String token, Instant now) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            return null;
        }
        try {
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return null;
            }
            JsonNode claims = Json.MAPPER.readTree(B64D.decode(parts[1]));
            if (!ISSUER.equals(claims.path("iss").asText()) || !AUDIENCE.equals(claims.path("aud").asText())
                    || claims.path("exp").asLong(0) <= now.getEpochSecond()
                    || claims.path("tenant").asText("").isEmpty() || claims.path("sub").asText("").isEmpty()) {
                return null;
            }
            RoutingHints routing = claims.hasNonNull("routing")
                    ? Json.MAPPER.treeToValue(claims.get("routing"), RoutingHints.class) : RoutingHints.NONE;
            return new VisitorClaims(claims.get("tenant").asText(), claims.get("sub").asText(),
                    claims.hasNonNull("name") ? claims.get("name").asText() : null,
                    Instant.ofEpochSecond(claims.get("exp").asLong()), routing);
        } catch (Exception e) {
            return null; // bad base64 or JSON: just not a valid token
        }
    }

    /** True if the token claims to be one of ours (unverified), used to pick the right verifier. */
    public static boolean looksLikeVisitorToken(String token) {
        return token != null && token.startsWith(HEADER + ".");
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorizationHeader.substring(7).trim();
    }
}
