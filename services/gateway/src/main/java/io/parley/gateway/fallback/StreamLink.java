package io.parley.gateway.fallback;

import io.parley.gateway.session.Link;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A session's fallback event stream (docs/protocol.md, "Fallback transport"): each server frame is one Server-Sent
 * Event ({@code data: <frame>}); a comment every heartbeat keeps proxies from timing the stream out; closing sends
 * {@code event: close} with the WebSocket close code the client acts on (1012: reconnect now), then ends the response.
 * Its id is random (128 bits) and names the stream in the client's POSTs, which must also carry the visitor's token.
 */
final class StreamLink implements Link {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final HttpServerResponse response;
    private final Vertx vertx;
    private final long heartbeat;
    private volatile boolean ended;

    StreamLink(HttpServerResponse response, Vertx vertx, int heartbeatSec) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        this.id = "s-" + HexFormat.of().formatHex(bytes);
        this.response = response;
        this.vertx = vertx;
        this.heartbeat = vertx.setPeriodic(heartbeatSec * 1000L, t -> {
            if (!ended) {
                response.write(": heartbeat\n\n");
            }
        });
    }

    @Override
    public String id() {
        return id;
    }

    /** The first event: which stream the client's POSTs name. */
    void announce() {
        response.write("event: stream\ndata: {\"streamId\":\"" + id + "\"}\n\n");
    }

    @Override
    public Uni<Void> send(String json) {
        if (ended) {
            return Uni.createFrom().failure(new IllegalStateException("stream ended"));
        }
        // JSON text holds no raw line break, so one data line carries the whole frame.
        return Uni.createFrom().completionStage(response.write("data: " + json + "\n\n").toCompletionStage());
    }

    @Override
    public void close(int code, String reason) {
        if (ended) {
            return;
        }
        ended();
        response.write("event: close\ndata: {\"code\":" + code + ",\"reason\":\"" + reason.replace("\"", "'") + "\"}\n\n");
        response.end();
    }

    /** The client went away, or we closed: no more writes, no more heartbeats. */
    void ended() {
        ended = true;
        vertx.cancelTimer(heartbeat);
    }
}
