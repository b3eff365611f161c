package io.parley.gateway.socket;

import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import io.parley.gateway.session.SessionLifecycle;
import io.parley.gateway.tenant.AgentClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/** Agents' sockets: OIDC bearer token with role {@code agent}; Origin checked by {@link AgentUpgradeCheck}. */
@WebSocket(path = "/ws/agent", endpointId = AgentSocket.ID)
@RolesAllowed("agent")
public class AgentSocket {
    static final String ID = "agent-socket";

    private final SessionLifecycle lifecycle;
    private final FrameHandler frames;

    @Inject
    SecurityIdentity identity;

    public AgentSocket(SessionLifecycle lifecycle, FrameHandler frames) {
        this.lifecycle = lifecycle;
        this.frames = frames;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        String tenant = AgentClaims.tenant(identity);
        if (tenant == null) {
            return connection.close();
        }
        return lifecycle.open(new SocketLink(connection), tenant, Participant.agent(identity.getPrincipal().getName(),
                AgentClaims.displayName(identity)), identity.hasRole("supervisor"), RoutingHints.NONE);
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
