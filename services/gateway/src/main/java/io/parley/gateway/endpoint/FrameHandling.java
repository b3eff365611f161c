package io.parley.gateway.endpoint;

import io.parley.common.wire.FrameParser;
import io.parley.gateway.service.SessionHub;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** What both socket endpoints do with a text frame: parse once, answer bad input, keep the socket. */
final class FrameHandling {
    private FrameHandling() {
    }

    /** Frames above this many bytes close the socket with 1009 (docs/protocol.md). */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    static void onText(SessionHub hub, WebSocketConnection connection, String text) {
        // UTF-8 needs at most 3 bytes per UTF-16 unit, so only long texts need counting.
        if (text.length() * 3 > MAX_FRAME_BYTES
                && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            connection.close(new CloseReason(1009, "frame over 64 KiB")).subscribe().with(x -> {
            }, e -> {
            });
            return;
        }
        FrameParser.Result result = FrameParser.parse(text);
        if (result.error() != null) {
            hub.reject(connection, result.error());
        } else {
            hub.onFrame(connection, result.frame());
        }
    }
}
