package io.parley.gateway.presence;

import io.parley.common.RedisKeys;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.session.Session;
import io.parley.gateway.session.SessionRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Tells routing which agents are online: every {@code parley.presence.heartbeat} each agent with at least one
 * connected device here not set away is marked in {@code parley:{tenant}:online}; routing counts an agent online
 * while the newest mark is fresher than its presence TTL, so a device that stops (closed laptop, crashed gateway)
 * stops counting without anyone saying so. Changes (a device connects, goes away, comes back, closes) take effect
 * at once, and an agent who becomes available is announced so routing hands them waiting conversations now.
 */
@ApplicationScoped
public class PresenceReporter {
    private final SessionRegistry sessions;
    private final ReactiveSortedSetCommands<String, String> online;
    private final ReactivePubSubCommands<String> pubsub;

    public PresenceReporter(SessionRegistry sessions, ReactiveRedisDataSource redis) {
        this.sessions = sessions;
        this.online = redis.sortedSet(String.class);
        this.pubsub = redis.pubsub(String.class);
    }

    @Scheduled(every = "${parley.presence.heartbeat:5s}")
    Uni<Void> heartbeat() {
        List<Uni<Void>> beats = sessions.all().filter(s -> s.isAgent() && !s.away())
                .map(s -> s.tenant() + '\u0000' + s.me().id()).distinct()
                .map(key -> mark(key.substring(0, key.indexOf('\u0000')), key.substring(key.indexOf('\u0000') + 1)))
                .toList();
        return beats.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(beats).andCollectFailures().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A {@code presence} frame: this device is away or back. */
    public void presence(Session session, boolean away) {
        if (!session.isAgent()) {
            session.write(new ServerFrame.Error(ErrorCode.FORBIDDEN, "only agents have presence", null));
            return;
        }
        session.away(away);
        update(session.tenant(), session.me().id());
    }

    /** An agent's device closed here. */
    public void deviceGone(String tenant, String agentId) {
        update(tenant, agentId);
    }

    /** Marks the agent online and tells routing, which hands them waiting conversations now, not at its next sweep. */
    public Uni<Void> becameAvailable(String tenant, String agentId) {
        return mark(tenant, agentId).chain(() -> pubsub.publish(RedisKeys.AGENT_AVAILABLE_CHANNEL, tenant));
    }

    /**
     * Online now if any device of the agent here is available; otherwise marked stale at once (another gateway
     * holding an available device of theirs marks them online again within one heartbeat).
     */
    private void update(String tenant, String agentId) {
        boolean available = sessions.all().anyMatch(s -> s.isAgent() && !s.away() && s.tenant().equals(tenant)
                && s.me().id().equals(agentId));
        Uni<Void> change = available ? becameAvailable(tenant, agentId)
                : online.zadd(RedisKeys.onlineAgents(tenant), 0, agentId).replaceWithVoid();
        change.subscribe().with(x -> {
        }, e -> Log.debugf("presence update failed: %s", e.getMessage()));
    }

    private Uni<Void> mark(String tenant, String agentId) {
        return online.zadd(RedisKeys.onlineAgents(tenant), System.currentTimeMillis(), agentId).replaceWithVoid();
    }
}
