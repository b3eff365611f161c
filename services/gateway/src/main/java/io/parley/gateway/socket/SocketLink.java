package io.parley.gateway.socket;

import io.parley.gateway.session.Link;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** A session's WebSocket. */
public record SocketLink(WebSocketConnection connection) implements Link {
    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public Uni<Void> send(String json) {
        return connection.sendText(json);
    }

    @Override
    public void close(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(x -> {
        }, e -> Log.debugf("close of %s failed: %s", connection.id(), e.getMessage()));
    }
}
