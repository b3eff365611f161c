package io.parley.gateway.supervisor;

import io.parley.common.RedisKeys;
import io.parley.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the team's state now: queued conversations per group (PostgreSQL, {@code conversation_queued}), open
 * conversations per agent (PostgreSQL, {@code conversation_by_assignee}) and presence (the heartbeats gateways keep
 * in {@code parley:{tenant}:online}, read with routing's rule: fresh within {@code parley.presence.online-for}, away
 * when a device said so).
 */
@ApplicationScoped
public class TeamOverviewQuery {
    /** An agent without a profile row: agent_profile.capacity's column default (V2), as routing counts them. */
    public static final int DEFAULT_CAPACITY = 5;

    private final Pool pool;
    private final ReactiveSortedSetCommands<String, String> online;
    private final Duration onlineFor;

    public TeamOverviewQuery(Pool pool, ReactiveRedisDataSource redis, GatewayConfig config) {
        this.pool = pool;
        this.online = redis.sortedSet(String.class);
        this.onlineFor = config.presence().onlineFor();
    }

    public Uni<TeamOverview> overview(String tenant) {
        Uni<List<TeamOverview.Queue>> queues = pool.preparedQuery("""
                SELECT g.id, g.name, coalesce(q.waiting, 0) AS waiting, coalesce(q.vip, 0) AS vip, q.oldest
                FROM skill_group g
                LEFT JOIN (SELECT group_id, count(*) AS waiting, count(*) FILTER (WHERE priority > 0) AS vip,
                                  min(queued_at) AS oldest
                           FROM conversation WHERE tenant_id = $1 AND status = 'queued' GROUP BY group_id) q
                       ON q.group_id = g.id
                WHERE g.tenant_id = $1
                UNION ALL
                SELECT NULL, NULL, count(*), count(*) FILTER (WHERE priority > 0), min(queued_at)
                FROM conversation WHERE tenant_id = $1 AND status = 'queued' AND group_id IS NULL
                HAVING count(*) > 0
                ORDER BY 3 DESC, 1 NULLS FIRST""").execute(Tuple.of(tenant)).map(rows -> {
                    List<TeamOverview.Queue> result = new ArrayList<>();
                    OffsetDateTime now = OffsetDateTime.now();
                    for (Row row : rows) {
                        OffsetDateTime oldest = row.getOffsetDateTime("oldest");
                        result.add(new TeamOverview.Queue(row.getString("id"), row.getString("name"),
                                row.getLong("waiting").intValue(), row.getLong("vip").intValue(),
                                oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds())));
                    }
                    return result;
                });
        Uni<List<Row>> agents = pool.preparedQuery("""
                SELECT coalesce(p.agent_id, l.assignee_id) AS id, p.name, p.capacity, p.skills, coalesce(l.load, 0) AS load
                FROM (SELECT agent_id, name, capacity, skills FROM agent_profile WHERE tenant_id = $1) p
                FULL JOIN (SELECT assignee_id, count(*) AS load FROM conversation
                           WHERE tenant_id = $1 AND assignee_id IS NOT NULL AND status <> 'closed'
                           GROUP BY assignee_id) l ON l.assignee_id = p.agent_id""")
                .execute(Tuple.of(tenant)).map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
        Uni<List<ScoredValue<String>>> heartbeats = online.zrangeWithScores(RedisKeys.onlineAgents(tenant), 0, -1);
        return Uni.combine().all().unis(queues, agents, heartbeats).with((q, rows, beats) -> {
            long freshSince = System.currentTimeMillis() - onlineFor.toMillis();
            Map<String, String> presence = new HashMap<>();
            for (ScoredValue<String> beat : beats) {
                presence.put(beat.value(), beat.score() >= freshSince ? "online" : beat.score() == 0 ? "away" : "offline");
            }
            Map<String, TeamOverview.Agent> byId = new TreeMap<>();
            for (Row row : rows) {
                String id = row.getString("id");
                Integer capacity = row.getInteger("capacity");
                String[] skills = row.getArrayOfStrings("skills");
                byId.put(id, new TeamOverview.Agent(id, row.getString("name"), presence.getOrDefault(id, "offline"),
                        row.getLong("load").intValue(), capacity == null ? DEFAULT_CAPACITY : capacity,
                        skills == null ? List.of() : Arrays.asList(skills)));
            }
            presence.forEach((id, state) -> byId.putIfAbsent(id,
                    new TeamOverview.Agent(id, null, state, 0, DEFAULT_CAPACITY, List.of())));
            return new TeamOverview(q, List.copyOf(byId.values()), OffsetDateTime.now());
        });
    }
}
