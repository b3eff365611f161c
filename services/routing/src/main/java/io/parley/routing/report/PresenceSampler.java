package io.parley.routing.report;

import io.parley.routing.service.AgentCapacity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Samples, once a minute, which agents are online (a fresh heartbeat, as routing counts them) and which of those
 * have a conversation open, into {@code agent_presence_minute}: the reports' utilisation (time online against time
 * with conversations). Replicas sampling the same minute write the same rows (the key ignores who wrote them).
 */
@ApplicationScoped
public class PresenceSampler {
    private final Pool pool;
    private final Redis redis;
    private final AgentCapacity agents;

    public PresenceSampler(Pool pool, Redis redis, AgentCapacity agents) {
        this.pool = pool;
        this.redis = redis;
        this.agents = agents;
    }

    public Uni<Void> sample() {
        return pool.query("SELECT id FROM tenant").execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> sample(row.getString("id")))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> sample(String tenant) {
        return agents.onlineAgents(redis, tenant).chain(online -> online.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("""
                        INSERT INTO agent_presence_minute (tenant_id, agent_id, minute, busy)
                        SELECT $1, a, date_trunc('minute', now()),
                               EXISTS (SELECT 1 FROM conversation c WHERE c.tenant_id = $1 AND c.assignee_id = a
                                         AND c.status <> 'closed')
                        FROM unnest($2::text[]) AS a
                        ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(tenant, online.toArray(String[]::new))).replaceWithVoid());
    }
}
