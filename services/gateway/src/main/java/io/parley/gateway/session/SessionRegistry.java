package io.parley.gateway.session;

import io.parley.common.RedisKeys;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The sockets this gateway holds: each connection carries its {@link Session} in its user data (websockets-next
 * keeps the connections), and a channel index says which sessions listen on a participant's Redis channel.
 */
@ApplicationScoped
public class SessionRegistry {
    static final UserData.TypedKey<Session> SESSION = new UserData.TypedKey<>("parley.session");

    private final OpenConnections connections;
    private final Map<String, Set<Session>> byChannel = new ConcurrentHashMap<>();

    public SessionRegistry(OpenConnections connections) {
        this.connections = connections;
    }

    /** The participant's Redis channel. */
    public static String channel(Session session) {
        return RedisKeys.participantChannel(session.tenant(), session.me().kind(), session.me().id());
    }

    void add(Session session) {
        session.connection().userData().put(SESSION, session);
        byChannel.computeIfAbsent(channel(session), c -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Forgets the connection's session; returns it, or null when it had none. Empty channels are dropped. */
    Session remove(WebSocketConnection connection) {
        Session session = connection.userData().remove(SESSION);
        if (session != null) {
            byChannel.computeIfPresent(channel(session), (c, holders) -> {
                holders.remove(session);
                return holders.isEmpty() ? null : holders;
            });
        }
        return session;
    }

    /** The connection's session, or null before it is open. */
    public Session of(WebSocketConnection connection) {
        return connection.userData().get(SESSION);
    }

    /** Sessions listening on {@code channel}. */
    public Set<Session> listening(String channel) {
        return byChannel.getOrDefault(channel, Set.of());
    }

    public boolean hasListeners(String channel) {
        return byChannel.containsKey(channel);
    }

    /** Every open session. */
    public Stream<Session> all() {
        return connections.stream().map(c -> c.userData().get(SESSION)).filter(Objects::nonNull);
    }
}
