package io.parley.gateway.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Visitor tokens name their key, so a secret can be rotated without logging every visitor out. */
class VisitorTokensTest {
    static final VisitorTokens.Key OLD = new VisitorTokens.Key("2026-01", "the-old-secret-0123456789-0123456789");
    static final VisitorTokens.Key NEW = new VisitorTokens.Key("2026-12", "the-new-secret-0123456789-0123456789");
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void duringARotationTokensOfBothKeysVerifyAndNewOnesUseTheNewKey() {
        VisitorTokens before = new VisitorTokens(OLD, null, Duration.ofHours(12));
        String issuedBefore = before.issue("acme", "v-1", "Ann", NOW);
        VisitorTokens during = new VisitorTokens(NEW, OLD, Duration.ofHours(12));
        assertEquals("v-1", during.verify(issuedBefore, NOW.plusSeconds(60)).visitorId(), "still signed in");
        String issuedDuring = during.issue("acme", "v-2", null, NOW);
        String header = new String(Base64.getUrlDecoder().decode(issuedDuring.split("\\.")[0]), StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"2026-12\"}", header);
        assertNotNull(during.verify(issuedDuring, NOW));

        VisitorTokens after = new VisitorTokens(NEW, null, Duration.ofHours(12));
        assertNull(after.verify(issuedBefore, NOW.plusSeconds(60)), "the old key is gone: its tokens are refused");
        assertNotNull(after.verify(issuedDuring, NOW));
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefused() {
        VisitorTokens tokens = new VisitorTokens(NEW, null, Duration.ofMinutes(5));
        String token = tokens.issue("acme", "v-1", null, NOW);
        assertNull(tokens.verify(token, NOW.plusSeconds(301)), "expired");
        String[] parts = token.split("\\.");
        assertNull(tokens.verify(parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "A", NOW), "forged");
        String noneAlg = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"kid\":\"2026-12\"}".getBytes(StandardCharsets.UTF_8));
        assertNull(tokens.verify(noneAlg + "." + parts[1] + "." + parts[2], NOW), "alg none");
        assertNull(new VisitorTokens(OLD, null, Duration.ofMinutes(5)).verify(token, NOW), "unknown kid");
        assertNull(tokens.verify("not.a.token", NOW));
        assertNull(tokens.verify(null, NOW));
    }

    @Test
    void keysNeedAnIdAndThirtyTwoBytesAndDistinctIds() {
        assertThrows(IllegalArgumentException.class, () -> new VisitorTokens.Key("1", "too short"));
        assertThrows(IllegalArgumentException.class, () -> new VisitorTokens.Key("", NEW.secret()));
        assertThrows(IllegalArgumentException.class, () -> new VisitorTokens(NEW,
                new VisitorTokens.Key(NEW.kid(), OLD.secret()), Duration.ofHours(1)));
    }
}
