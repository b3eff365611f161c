package io.parley.gateway.visitor;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one MAC of visitor tokens and tenants' identity signatures. */
final class Hmac {
    private Hmac() {
    }

    static byte[] sign(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sign(String secret, String data) {
        return sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), data);
    }
}
