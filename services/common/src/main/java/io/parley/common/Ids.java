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
     * The id of the conversation a visitor's first message opens. Derived from the message's identity so that
     * a retried first send (same clientMsgId) lands in the same conversation instead of opening a second one.
     */
    public static String firstConversationId(String tenant, String visitorId, String clientMsgId) {
        String seed = tenant + '\u0000' + visitorId + '\u0000' + clientMsgId;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
