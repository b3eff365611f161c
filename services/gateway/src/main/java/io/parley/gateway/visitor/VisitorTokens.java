package io.parley.gateway.visitor;

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
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived visitor JWTs (HS256), signed and verified by Parley itself with a secret shared by all gateways.
 * Kept separate from OIDC on purpose: visitors are anonymous and never see the agents' identity provider. Tokens
 * name their key ({@code kid}); the previous key still verifies, so a secret can be rotated without logging every
 * visitor out: deploy the new secret with the old one as previous, and drop the old one after a token lifetime.
 */
public final class VisitorTokens {
    public static final String ISSUER = "parley";
    public static final String AUDIENCE = "parley-visitor";
    public static final int MIN_SECRET_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A signing key: its id in token headers and its secret (at least {@value #MIN_SECRET_BYTES} bytes). */
    public record Key(String kid, String secret) {
        public Key {
            if (kid == null || kid.isBlank() || secret == null
                    || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("a visitor token key needs a kid and a secret of at least "
                        + MIN_SECRET_BYTES + " bytes");
            }
        }

        SecretKeySpec spec() {
            return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        }
    }

    /** Who a verified token speaks for. */
    public record VisitorClaims(String tenant, String visitorId, String name, Instant expiresAt,
            RoutingHints routing) {
    }

    private final Key current;
    private final Key previous;
    private final String header;
    private final Duration ttl;

    /** {@code previous} may be null (no rotation under way). */
    public VisitorTokens(Key current, Key previous, Duration ttl) {
        if (previous != null && previous.kid().equals(current.kid())) {
            throw new IllegalArgumentException("the previous visitor token key needs a kid of its own");
        }
        this.current = current;
        this.previous = previous;
        this.ttl = ttl;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("alg", "HS256");
        fields.put("typ", "JWT");
        fields.put("kid", current.kid());
        this.header = B64.encodeToString(Json.write(fields).getBytes(StandardCharsets.UTF_8));
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
        String body = header + "." + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(Hmac.sign(current.spec(), body));
    }

    public Instant expiry(Instant now) {
        return now.plus(ttl);
    }

    /** Returns the claims, or null when the token is malformed, forged, expired, of an unknown key or not ours. */
    public VisitorClaims verify(String token, Instant now) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            Key key = keyFor(Json.MAPPER.readTree(B64D.decode(parts[0])));
            if (key == null || !MessageDigest.isEqual(Hmac.sign(key.spec(), parts[0] + "." + parts[1]),
                    B64D.decode(parts[2]))) {
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

    /** The key a token header names; tokens from before key ids had none and were signed with the current secret. */
    private Key keyFor(JsonNode header) {
        if (!"HS256".equals(header.path("alg").asText())) {
            return null;
        }
        String kid = header.path("kid").asText(current.kid());
        if (kid.equals(current.kid())) {
            return current;
        }
        return previous != null && kid.equals(previous.kid()) ? previous : null;
    }

    /**
     * True if the token claims to be one of ours (unverified; HS256, where agents' OIDC tokens are asymmetric), used
     * to pick the right verifier.
     */
    public static boolean looksLikeVisitorToken(String token) {
        if (token == null || token.indexOf('.') < 0) {
            return false;
        }
        try {
            JsonNode header = Json.MAPPER.readTree(B64D.decode(token.substring(0, token.indexOf('.'))));
            return "HS256".equals(header.path("alg").asText());
        } catch (Exception e) {
            return false;
        }
    }

    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorizationHeader.substring(7).trim();
    }
}
