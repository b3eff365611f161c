package io.parley.gateway.socket;

import io.parley.common.model.Participant;
import io.parley.gateway.session.SessionLifecycle;
import io.parley.gateway.visitor.VisitorTokens;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Visitors' sockets. The token and Origin were checked at upgrade by {@link VisitorUpgradeCheck}, which left the
 * token's claims in the connection's user data.
 */
@WebSocket(path = "/ws/visitor", endpointId = VisitorSocket.ID)
public class VisitorSocket {
    static final String ID = "visitor-socket";
    static final UserData.TypedKey<VisitorTokens.VisitorClaims> CLAIMS = new UserData.TypedKey<>("parley.visitor");

    private final SessionLifecycle lifecycle;
    private final FrameHandler frames;

    public VisitorSocket(SessionLifecycle lifecycle, FrameHandler frames) {
        this.lifecycle = lifecycle;
        this.frames = frames;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        VisitorTokens.VisitorClaims claims = connection.userData().get(CLAIMS);
        if (claims == null) { // only an upgrade that passed the check gets here
            return connection.close();
        }
        return lifecycle.open(new SocketLink(connection), claims.tenant(), Participant.visitor(claims.visitorId(), claims.name()),
                false, claims.routing());
    }

    @OnTextMessage
    void text(String text, WebSocketConnection connection) {
        frames.onText(connection, text);
    }

    @OnPongMessage
    void pong(Buffer data, WebSocketConnection connection) {
        frames.pong(connection);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        lifecycle.close(new SocketLink(connection));
    }
}
