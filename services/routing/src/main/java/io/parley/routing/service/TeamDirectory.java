package io.parley.routing.service;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.routing.config.RoutingConfig;
import io.parley.routing.domain.Team;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agent profiles and skill groups per tenant, read from PostgreSQL and cached briefly: routing decisions read
 * them for every assignment, admins change them rarely. An edit shows up within {@code parley.team.cache-ttl-ms}
 * plus one reload. Once a tenant's team has been loaded, a stale entry is still served while it is reloaded in
 * the background (Caffeine's refresh-after-write), so no decision waits for PostgreSQL (a team of 1,000 agents
 * takes milliseconds to read). A team nobody asked for in an hour is dropped.
 */
@ApplicationScoped
public class TeamDirectory {
    private final Pool pool;
    private final AsyncLoadingCache<String, Team> cache;

    public TeamDirectory(Pool pool, RoutingConfig config) {
        this.pool = pool;
        this.cache = Caffeine.newBuilder().maximumSize(100_000)
                .refreshAfterWrite(Duration.ofMillis(config.team().cacheTtlMillis()))
                .expireAfterAccess(Duration.ofHours(1))
                .buildAsync((tenant, executor) -> load(tenant).subscribeAsCompletionStage());
    }

    public Uni<Team> team(String tenant) {
        return Uni.createFrom().completionStage(cache.get(tenant));
    }

    /** Forget a tenant's cached team (after an admin change in this process). */
    public void invalidate(String tenant) {
        cache.synchronous().invalidate(tenant);
    }

    private Uni<Team> load(String tenant) {
        Uni<Map<String, Team.AgentProfile>> profiles = pool.preparedQuery(
                "SELECT agent_id, capacity, rating, skills FROM agent_profile WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).map(rows -> {
                    Map<String, Team.AgentProfile> result = new HashMap<>();
                    for (Row row : rows) {
                        result.put(row.getString("agent_id"), new Team.AgentProfile(row.getString("agent_id"),
                                row.getInteger("capacity"), row.getBigDecimal("rating").doubleValue(),
                                Set.copyOf(Arrays.asList(row.getArrayOfStrings("skills")))));
                    }
                    return result;
                });
        Uni<Map<String, Team.SkillGroup>> groups = pool.preparedQuery("""
                SELECT g.id, g.name, g.skills, g.priority, g.strategy, g.relax_after_sec,
                       coalesce(array_agg(m.agent_id) FILTER (WHERE m.agent_id IS NOT NULL), '{}') AS agents,
                       coalesce(array_agg(m.capacity) FILTER (WHERE m.agent_id IS NOT NULL), '{}') AS capacities
                FROM skill_group g LEFT JOIN skill_group_member m ON m.tenant_id = g.tenant_id AND m.group_id = g.id
                WHERE g.tenant_id = $1 GROUP BY g.tenant_id, g.id ORDER BY g.priority DESC, g.id""")
                .execute(Tuple.of(tenant)).map(rows -> {
                    Map<String, Team.SkillGroup> result = new LinkedHashMap<>();
                    for (Row row : rows) {
                        String[] agents = row.getArrayOfStrings("agents");
                        Integer[] capacities = row.getArrayOfIntegers("capacities");
                        Map<String, Integer> members = new HashMap<>();
                        for (int i = 0; i < agents.length; i++) {
                            members.put(agents[i], capacities[i]);
                        }
                        result.put(row.getString("id"), new Team.SkillGroup(row.getString("id"), row.getString("name"),
                                List.of(row.getArrayOfStrings("skills")), row.getInteger("priority"),
                                row.getString("strategy"), row.getInteger("relax_after_sec"), members));
                    }
                    return result;
                });
        return Uni.combine().all().unis(profiles, groups).with(Team::of);
    }
}
