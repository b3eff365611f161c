package io.parley.gateway.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Where a page ended: the last row's activity time (microseconds, PostgreSQL's precision) and id, as an opaque
 * base64url string. A conversation that becomes active while someone pages moves to the top and may be seen twice
 * or not at all in that paging; the console takes such moves from the socket.
 */
public record InboxCursor(OffsetDateTime at, String id) {
    private static final int MAX_CHARS = 400;

    public String encode() {
        Instant instant = at.toInstant();
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a string holds, or null when it is not one this class wrote. */
    public static InboxCursor decode(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CHARS) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon < 1 || colon == text.length() - 1) {
                return null;
            }
            long micros = Long.parseLong(text.substring(0, colon));
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new InboxCursor(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), text.substring(colon + 1));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return null;
        }
    }
}
