package io.parley.gateway.visitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identity verification: the tenant's backend proves a visitor id is one of its signed-in users, with the tenant's
 * identity secret, in one of two ways (docs/protocol.md): {@code identityHash = hex(HMAC-SHA256(secret, visitorId))}
 * (Intercom's and Chatwoot's scheme), or {@code identityToken}, a JWT signed HS256 with the secret whose
 * {@code sub} is the visitor id and whose {@code exp} has not passed. Anyone can claim to be anyone in a browser
 * otherwise.
 */
public final class IdentityVerification {
    /** Clock skew allowed on {@code exp}. */
    static final long LEEWAY_SECONDS = 30;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private IdentityVerification() {
    }

    public static String hash(String secret, String visitorId) {
        return HexFormat.of().formatHex(Hmac.sign(secret, visitorId));
    }

    /** False when the hash does not match (or anything is missing). */
    public static boolean verified(String secret, String visitorId, String identityHash) {
        if (secret == null || secret.isEmpty() || visitorId == null || identityHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(secret, visitorId).getBytes(StandardCharsets.US_ASCII),
                identityHash.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    /** What an identity token says: the visitor id it vouches for, or why it vouches for nothing. */
    public record TokenCheck(String visitorId, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /** Checks an identity token against the tenant's secret at {@code now}. */
    public static TokenCheck token(String secret, String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return new TokenCheck(null, "'identityToken' is not a JWT");
        }
        try {
            JsonNode header = Json.MAPPER.readTree(B64D.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return new TokenCheck(null, "'identityToken' must be signed HS256 with the tenant's identity secret");
            }
            if (!MessageDigest.isEqual(Hmac.sign(secret, parts[0] + "." + parts[1]), B64D.decode(parts[2]))) {
                return new TokenCheck(null, "'identityToken' has a signature that does not match the tenant's secret");
            }
            JsonNode claims = Json.MAPPER.readTree(B64D.decode(parts[1]));
            if (!claims.path("exp").canConvertToLong() || !claims.path("exp").isNumber()) {
                return new TokenCheck(null, "'identityToken' needs 'exp' (epoch seconds)");
            }
            if (claims.get("exp").asLong() + LEEWAY_SECONDS < now.getEpochSecond()) {
                return new TokenCheck(null, "'identityToken' has expired");
            }
            String sub = claims.path("sub").asText("");
            if (!ID.matcher(sub).matches()) {
                return new TokenCheck(null, "'identityToken' needs 'sub', the visitor id: 1..64 of A-Z a-z 0-9 _ . -");
            }
            return new TokenCheck(sub, null);
        } catch (Exception e) {
            return new TokenCheck(null, "'identityToken' is not a JWT");
        }
    }
}
