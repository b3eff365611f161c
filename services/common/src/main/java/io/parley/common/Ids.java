package io.parley.common;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/** Identifier generation. Message and conversation ids are UUIDv7: time-ordered, so index-friendly. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String uuidV7() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * The id of the conversation a visitor opens after {@code previous}, their newest conversation so far (null for
     * their first). Derived, not random, so that every socket of the visitor, on any gateway, sending without a
     * conversation id at the same moment (two tabs, an outbox flushed after a reconnect) opens the same conversation,
     * and a retried first send lands in it too.
     */
    public static String nextConversationId(String tenant, String visitorId, String previous) {
        String seed = tenant + '\u0000' + visitorId + '\u0000' + (previous == null ? "" : previous);
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
