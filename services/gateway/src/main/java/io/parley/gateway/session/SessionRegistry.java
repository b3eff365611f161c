package io.parley.gateway.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.RedisKeys;
import io.parley.common.model.Participant;
import io.parley.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The sessions this gateway holds (sockets and fallback streams), by their link's id, and a channel index that says
 * which sessions listen on a participant's Redis channel. Counts open sessions by kind for the connection limit and
 * the autoscaler ({@code parley_gateway_connections{kind}}).
 */
@ApplicationScoped
public class SessionRegistry {
    private final Map<String, Session> byLink = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> byChannel = new ConcurrentHashMap<>();
    private final AtomicInteger visitors = new AtomicInteger();
    private final AtomicInteger agents = new AtomicInteger();

    public SessionRegistry(MeterRegistry registry, GatewayConfig config) {
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
        byLink.put(session.id(), session);
        byChannel.computeIfAbsent(channel(session), c -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Forgets the link's session; returns it, or null when it had none. Empty channels are dropped. */
    Session remove(String linkId) {
        Session session = byLink.remove(linkId);
        if (session != null) {
            counter(session).decrementAndGet();
            byChannel.computeIfPresent(channel(session), (c, holders) -> {
                holders.remove(session);
                return holders.isEmpty() ? null : holders;
            });
        }
        return session;
    }

    /** The link's session, or null before it is open (or after it closed). */
    public Session of(String linkId) {
        return byLink.get(linkId);
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
        return byLink.values().stream();
    }
}
