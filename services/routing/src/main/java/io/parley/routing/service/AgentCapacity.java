package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.parley.routing.config.RoutingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is online and how much room they have: agents' presence ({@code parley:{tenant}:online}, written by
 * gateways) and loads ({@code parley:{tenant}:load}, routing's). Loads change atomically in scripts, so no agent
 * ever exceeds capacity however many routers act at once.
 */
@ApplicationScoped
public class AgentCapacity {
    static final RedisScript RESERVE = RedisScript.load("lanes.lua", "reserve.lua");
    /** Longer than any claim-to-commit gap; after a router crash mid-decision, the sweep re-queues after this. */
    static final int CLAIM_MARKER_TTL_SEC = 30;

    private final Redis redis;
    private final TeamDirectory teams;
    private final long presenceTtlMillis;

    public AgentCapacity(Redis redis, TeamDirectory teams, RoutingConfig config) {
        this.redis = redis;
        this.teams = teams;
        this.presenceTtlMillis = config.presence().ttlMillis();
    }

    /** Heartbeats older than this do not count: the agent is offline. */
    public long onlineSince(long nowMillis) {
        return nowMillis - presenceTtlMillis;
    }

    /** The tenant's agents with a fresh heartbeat. */
    public Uni<List<String>> onlineAgents(Redis client, String tenant) {
        return client.send(Request.cmd(Command.ZRANGEBYSCORE).arg(RedisKeys.onlineAgents(tenant))
                .arg(onlineSince(System.currentTimeMillis())).arg("+inf")).map(online -> {
                    List<String> ids = new ArrayList<>(online.size());
                    online.forEach(agent -> ids.add(agent.toString()));
                    return ids;
                });
    }

    /** Whether the agent has a fresh heartbeat from at least one console. */
    public Uni<Boolean> isOnline(String tenant, String agent) {
        return redis.send(Request.cmd(Command.ZSCORE).arg(RedisKeys.onlineAgents(tenant)).arg(agent))
                .map(score -> score != null && score.toDouble() >= onlineSince(System.currentTimeMillis()));
    }

    /**
     * Reserves a unit of {@code agent}'s capacity for the conversation (taking it out of its queue if it waits);
     * false when they have none free.
     */
    public Uni<Boolean> reserve(String tenant, String agent, String conversationId, String group) {
        return teams.team(tenant).chain(team -> {
            int capacity = team.capacity(agent, group == null ? null : team.groups().get(group));
            return RESERVE.run(redis, call -> call.arg(3).arg(RedisKeys.agentLoad(tenant))
                    .arg(RedisKeys.queuedRequests(tenant)).arg(RedisKeys.claimed(tenant, conversationId))
                    .arg(agent).arg(capacity).arg(conversationId).arg(CLAIM_MARKER_TTL_SEC)
                    .arg(RedisKeys.queuePrefix(tenant)))
                    .map(reply -> reply.toInteger() == 1);
        });
    }

    /** One conversation fewer for the agent; they count as idle from now. */
    public Uni<Void> release(String tenant, String agent) {
        return redis.batch(List.of(
                Request.cmd(Command.HINCRBY).arg(RedisKeys.agentLoad(tenant)).arg(agent).arg(-1),
                Request.cmd(Command.HSET).arg(RedisKeys.agentIdleSince(tenant)).arg(agent)
                        .arg(System.currentTimeMillis()))).replaceWithVoid();
    }
}
