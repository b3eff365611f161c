package io.parley.gateway.session;

import io.smallrye.mutiny.Uni;

/**
 * Where one session's frames go and where its client is: a WebSocket ({@code socket.SocketLink}), or the fallback
 * transport's event stream ({@code fallback.StreamLink}) when WebSockets are blocked (docs/protocol.md, "Fallback
 * transport"). Everything above it (cursors, acks, resume, rate limits) is the same for both.
 */
public interface Link {
    /** Unique on this gateway. */
    String id();

    /** Writes one server frame (JSON text). */
    Uni<Void> send(String json);

    /** Ends the link with a WebSocket close code (1012 reconnect now, 1001 gone away, 1009 too large). */
    void close(int code, String reason);
}
