package io.parley.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Identity verification: the tenant's backend proves a visitor id is one of its signed-in users by sending
 * {@code hex(HMAC-SHA256(tenant.identity_secret, visitorId))} with the widget session. Only such visitors may
 * claim privileges (VIP routing); anyone can claim to be anyone in a browser otherwise.
 */
public final class IdentityVerification {
    private IdentityVerification() {
    }

    public static String hash(String secret, String visitorId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(visitorId.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** False when the tenant has no secret, the visitor id or hash is missing, or the hash does not match. */
    public static boolean verified(String secret, String visitorId, String identityHash) {
        if (secret == null || secret.isEmpty() || visitorId == null || identityHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(secret, visitorId).getBytes(StandardCharsets.US_ASCII),
                identityHash.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
