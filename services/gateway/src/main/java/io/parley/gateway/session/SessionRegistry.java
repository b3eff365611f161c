package io.parley.gateway.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.RedisKeys;
import io.parley.common.model.Participant;
import io.parley.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The sockets this gateway holds: each connection carries its {@link Session} in its user data (websockets-next
 * keeps the connections), and a channel index says which sessions listen on a participant's Redis channel. Counts
 * open sessions by kind for the connection limit and the autoscaler ({@code parley_gateway_connections{kind}}).
 */
@ApplicationScoped
public class SessionRegistry {
    static final UserData.TypedKey<Session> SESSION = new UserData.TypedKey<>("parley.session");

    private final OpenConnections connections;
    private final Map<String, Set<Session>> byChannel = new ConcurrentHashMap<>();
    private final AtomicInteger visitors = new AtomicInteger();
    private final AtomicInteger agents = new AtomicInteger();

    public SessionRegistry(OpenConnections connections, MeterRegistry registry, GatewayConfig config) {
        this.connections = connections;
        Gauge.builder("parley_gateway_connections", visitors, AtomicInteger::get).tag("kind", "visitor")
                .description("open visitor sockets on this gateway").register(registry);
        Gauge.builder("parley_gateway_connections", agents, AtomicInteger::get).tag("kind", "agent")
                .description("open agent sockets on this gateway").register(registry);
        Gauge.builder("parley_gateway_connections_max", config, GatewayConfig::maxConnections)
                .description("sockets this gateway holds before refusing new ones").register(registry);
    }

    /** The participant's Redis channel. */
    public static String channel(Session session) {
        return RedisKeys.participantChannel(session.tenant(), session.me().kind(), session.me().id());
    }

    void add(Session session) {
        counter(session).incrementAndGet();
        session.connection().userData().put(SESSION, session);
        byChannel.computeIfAbsent(channel(session), c -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Forgets the connection's session; returns it, or null when it had none. Empty channels are dropped. */
    Session remove(WebSocketConnection connection) {
        Session session = connection.userData().remove(SESSION);
        if (session != null) {
            counter(session).decrementAndGet();
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

    /** Open sessions, visitors' and agents'. */
    public int count() {
        return visitors.get() + agents.get();
    }

    private AtomicInteger counter(Session session) {
        return session.me().kind() == Participant.Kind.AGENT ? agents : visitors;
    }

    /** Every open session. */
    public Stream<Session> all() {
        return connections.stream().map(c -> c.userData().get(SESSION)).filter(Objects::nonNull);
    }
}
