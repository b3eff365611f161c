package io.parley.gateway.endpoint;

import io.parley.common.model.Participant;
import io.parley.gateway.auth.VisitorTokens;
import io.parley.gateway.service.SessionHub;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;

/** Visitors' sockets. The token and Origin were already checked at upgrade by {@link VisitorUpgradeCheck}. */
@WebSocket(path = "/ws/visitor", endpointId = VisitorSocket.ID)
public class VisitorSocket {
    static final String ID = "visitor-socket";

    private final SessionHub hub;
    private final VisitorTokens tokens;

    public VisitorSocket(SessionHub hub, VisitorTokens tokens) {
        this.hub = hub;
        this.tokens = tokens;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        VisitorTokens.VisitorClaims claims = tokens.verify(
                VisitorTokens.bearer(connection.handshakeRequest().header("Authorization")), Instant.now());
        if (claims == null) { // expired between upgrade and open
            return connection.close();
        }
        return hub.open(connection, claims.tenant(), Participant.visitor(claims.visitorId(), claims.name()), false,
                claims.routing());
    }

    @OnTextMessage
    void text(String text, WebSocketConnection connection) {
        FrameHandling.onText(hub, connection, text);
    }

    @OnPongMessage
    void pong(Buffer data, WebSocketConnection connection) {
        hub.pong(connection);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        hub.close(connection);
    }
}
