package io.parley.gateway.admin;

import io.parley.common.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tenant's routing configuration as admins edit it: skill groups with members, agent profiles, and the
 * audit log. Every change is written together with its audit row. Routing reads these tables (cached for a
 * few seconds), so a change applies to the next decisions without a restart.
 */
@ApplicationScoped
public class TeamAdmin {
    private final Pool pool;

    public TeamAdmin(Pool pool) {
        this.pool = pool;
    }

    public record Member(String agentId, Integer capacity) {
    }

    public record Group(String id, String name, List<String> skills, int priority, String strategy,
            int relaxAfterSec, List<Member> members) {
    }

    public record AgentProfile(String agentId, String name, int capacity, double rating, List<String> skills) {
    }

    public record AuditEntry(long id, OffsetDateTime at, String actorKind, String actorId, String action,
            String conversationId, Object before, Object after, String note) {
    }

    public Uni<List<Group>> groups(String tenant) {
        return pool.preparedQuery("""
                SELECT g.id, g.name, g.skills, g.priority, g.strategy, g.relax_after_sec,
                       coalesce(array_agg(m.agent_id ORDER BY m.agent_id) FILTER (WHERE m.agent_id IS NOT NULL), '{}') AS agents,
                       coalesce(array_agg(m.capacity ORDER BY m.agent_id) FILTER (WHERE m.agent_id IS NOT NULL), '{}') AS caps
                FROM skill_group g LEFT JOIN skill_group_member m ON m.tenant_id = g.tenant_id AND m.group_id = g.id
                WHERE g.tenant_id = $1 GROUP BY g.tenant_id, g.id ORDER BY g.priority DESC, g.id""")
                .execute(Tuple.of(tenant)).map(rows -> {
                    List<Group> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(group(row)));
                    return groups;
                });
    }

    private static Group group(Row row) {
        String[] agents = row.getArrayOfStrings("agents");
        Integer[] caps = row.getArrayOfIntegers("caps");
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < agents.length; i++) {
            members.add(new Member(agents[i], caps[i]));
        }
        return new Group(row.getString("id"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("skills")),
                row.getInteger("priority"), row.getString("strategy"), row.getInteger("relax_after_sec"), members);
    }

    public Uni<Group> group(String tenant, String id) {
        return groups(tenant).map(all -> all.stream().filter(g -> g.id().equals(id)).findFirst().orElse(null));
    }

    /** Creates or replaces a group and its member list; returns whether it was new. */
    public Uni<Boolean> putGroup(String tenant, String actor, Group group) {
        return group(tenant, group.id()).chain(before -> pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO skill_group (tenant_id, id, name, skills, priority, strategy, relax_after_sec)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, skills = excluded.skills,
                    priority = excluded.priority, strategy = excluded.strategy,
                    relax_after_sec = excluded.relax_after_sec""")
                .execute(Tuple.from(new Object[] { tenant, group.id(), group.name(),
                        group.skills().toArray(String[]::new), group.priority(), group.strategy(),
                        group.relaxAfterSec() }))
                .chain(() -> conn.preparedQuery("DELETE FROM skill_group_member WHERE tenant_id = $1 AND group_id = $2")
                        .execute(Tuple.of(tenant, group.id())))
                .chain(() -> group.members().isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery("""
                        INSERT INTO skill_group_member (tenant_id, group_id, agent_id, capacity)
                        SELECT $1, $2, m.agent, m.cap FROM unnest($3::text[], $4::int[]) AS m(agent, cap)""")
                        .execute(Tuple.of(tenant, group.id(),
                                group.members().stream().map(Member::agentId).toArray(String[]::new),
                                group.members().stream().map(Member::capacity).toArray(Integer[]::new)))
                        .replaceWithVoid())
                .chain(() -> audit(conn, tenant, actor, before == null ? "group_create" : "group_update", before, group))
                .replaceWith(before == null)));
    }

    /** False when there was no such group. */
    public Uni<Boolean> deleteGroup(String tenant, String actor, String id) {
        return group(tenant, id).chain(before -> before == null ? Uni.createFrom().item(false)
                : pool.withTransaction(conn -> conn.preparedQuery(
                        "DELETE FROM skill_group WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                        .chain(() -> audit(conn, tenant, actor, "group_delete", before, null))
                        .replaceWith(true)));
    }

    public Uni<AgentProfile> agent(String tenant, String agentId) {
        return pool.preparedQuery(
                "SELECT agent_id, name, capacity, rating, skills FROM agent_profile WHERE tenant_id = $1 AND agent_id = $2")
                .execute(Tuple.of(tenant, agentId)).map(rows -> rows.size() == 0 ? null : agent(rows.iterator().next()));
    }

    public Uni<List<AgentProfile>> agents(String tenant) {
        return pool.preparedQuery(
                "SELECT agent_id, name, capacity, rating, skills FROM agent_profile WHERE tenant_id = $1 ORDER BY agent_id")
                .execute(Tuple.of(tenant)).map(rows -> {
                    List<AgentProfile> agents = new ArrayList<>();
                    rows.forEach(row -> agents.add(agent(row)));
                    return agents;
                });
    }

    private static AgentProfile agent(Row row) {
        return new AgentProfile(row.getString("agent_id"), row.getString("name"), row.getInteger("capacity"),
                row.getBigDecimal("rating").doubleValue(), Arrays.asList(row.getArrayOfStrings("skills")));
    }

    public Uni<Boolean> putAgent(String tenant, String actor, AgentProfile profile) {
        return agent(tenant, profile.agentId()).chain(before -> pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO agent_profile (tenant_id, agent_id, name, capacity, rating, skills, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, now())
                ON CONFLICT (tenant_id, agent_id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity,
                    rating = excluded.rating, skills = excluded.skills, updated_at = now()""")
                .execute(Tuple.from(new Object[] { tenant, profile.agentId(), profile.name(), profile.capacity(),
                        BigDecimal.valueOf(profile.rating()), profile.skills().toArray(String[]::new) }))
                .chain(() -> audit(conn, tenant, actor, before == null ? "agent_create" : "agent_update", before,
                        profile))
                .replaceWith(before == null)));
    }

    /** A tenant's business hours as the admin API shows them ({@code docs/routing.md}). */
    public record Hours(String timeZone, Map<String, List<String>> weekly, List<String> holidays,
            String offlineMessage, Integer maxQueueWaitSec) {
    }

    /** Null when the tenant has none (always open). */
    public Uni<Hours> hours(String tenant) {
        return pool.preparedQuery("""
                SELECT time_zone, weekly::text AS weekly, holidays, offline_message, max_queue_wait_sec
                FROM business_hours WHERE tenant_id = $1""").execute(Tuple.of(tenant)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    @SuppressWarnings("unchecked")
                    Map<String, List<String>> weekly = Json.read(row.getString("weekly"), Map.class);
                    return new Hours(row.getString("time_zone"), weekly,
                            Arrays.stream(row.getArrayOfLocalDates("holidays")).map(LocalDate::toString).toList(),
                            row.getString("offline_message"), row.getInteger("max_queue_wait_sec"));
                });
    }

    /** Creates or replaces; true when created. */
    public Uni<Boolean> putHours(String tenant, String actor, Hours hours) {
        return hours(tenant).chain(before -> pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO business_hours (tenant_id, time_zone, weekly, holidays, offline_message,
                                            max_queue_wait_sec, updated_at)
                VALUES ($1, $2, $3::text::jsonb, $4, $5, $6, now())
                ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, weekly = excluded.weekly,
                    holidays = excluded.holidays, offline_message = excluded.offline_message,
                    max_queue_wait_sec = excluded.max_queue_wait_sec, updated_at = now()""")
                .execute(Tuple.from(new Object[] { tenant, hours.timeZone(), Json.write(hours.weekly()),
                        hours.holidays().stream().map(LocalDate::parse).toArray(LocalDate[]::new),
                        hours.offlineMessage(), hours.maxQueueWaitSec() }))
                .chain(() -> audit(conn, tenant, actor, before == null ? "hours_create" : "hours_update", before,
                        hours))
                .replaceWith(before == null)));
    }

    /** False when there was nothing to delete. */
    public Uni<Boolean> deleteHours(String tenant, String actor) {
        return hours(tenant).chain(before -> before == null ? Uni.createFrom().item(false)
                : pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM business_hours WHERE tenant_id = $1")
                        .execute(Tuple.of(tenant))
                        .chain(() -> audit(conn, tenant, actor, "hours_delete", before, null))
                        .replaceWith(true)));
    }

    /** Targets for one visitor priority, in seconds from the conversation's start (null = no target). */
    public record SlaTarget(Integer firstResponseSec, Integer resolutionSec) {
    }

    /**
     * A tenant's service levels as the admin API shows them ({@code docs/routing.md}): auto-close after inactivity
     * (null = never) and targets per priority ({@code normal}, {@code vip}; a priority without targets is absent).
     */
    public record ServiceLevelSettings(Integer autoCloseAfterSec, Map<String, SlaTarget> targets) {
    }

    /** The priorities of the API and their numbers in {@code sla_policy.priority} / {@code conversation.priority}. */
    public static final Map<String, Integer> PRIORITIES = Map.of("normal", 0, "vip", 1);

    /** Null when the tenant does not exist. */
    public Uni<ServiceLevelSettings> serviceLevels(String tenant) {
        return pool.preparedQuery("""
                SELECT t.auto_close_after_sec, p.priority, p.first_response_sec, p.resolution_sec
                FROM tenant t LEFT JOIN sla_policy p ON p.tenant_id = t.id
                WHERE t.id = $1 ORDER BY p.priority""").execute(Tuple.of(tenant)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Integer autoClose = null;
                    Map<String, SlaTarget> targets = new TreeMap<>();
                    for (Row row : rows) {
                        autoClose = row.getInteger("auto_close_after_sec");
                        Integer priority = row.getInteger("priority");
                        if (priority != null) {
                            targets.put(priority == 1 ? "vip" : "normal", new SlaTarget(
                                    row.getInteger("first_response_sec"), row.getInteger("resolution_sec")));
                        }
                    }
                    return new ServiceLevelSettings(autoClose, targets);
                });
    }

    /** Replaces all of them (targets not given are removed); false when the tenant does not exist. */
    public Uni<Boolean> putServiceLevels(String tenant, String actor, ServiceLevelSettings levels) {
        return serviceLevels(tenant).chain(before -> before == null ? Uni.createFrom().item(false)
                : pool.withTransaction(conn -> conn.preparedQuery(
                        "UPDATE tenant SET auto_close_after_sec = $2 WHERE id = $1")
                        .execute(Tuple.of(tenant, levels.autoCloseAfterSec()))
                        .chain(() -> conn.preparedQuery("DELETE FROM sla_policy WHERE tenant_id = $1")
                                .execute(Tuple.of(tenant)))
                        .chain(() -> {
                            List<Tuple> rows = new ArrayList<>();
                            levels.targets().forEach((name, target) -> rows.add(Tuple.of(tenant,
                                    PRIORITIES.get(name), target.firstResponseSec(), target.resolutionSec())));
                            return rows.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery("""
                                    INSERT INTO sla_policy (tenant_id, priority, first_response_sec, resolution_sec)
                                    VALUES ($1, $2, $3, $4)""").executeBatch(rows).replaceWithVoid();
                        })
                        .chain(() -> audit(conn, tenant, actor, "service_levels_update", before, levels))
                        .replaceWith(true)));
    }

    /** Newest first; {@code beforeId} continues a previous page (keyset). */
    public Uni<List<AuditEntry>> audit(String tenant, String conversationId, String actorId, String action,
            OffsetDateTime from, OffsetDateTime to, Long beforeId, int limit) {
        return pool.preparedQuery("""
                SELECT id, at, actor_kind, actor_id, action, conversation_id, before::text AS before,
                       after::text AS after, note
                FROM audit_log
                WHERE tenant_id = $1 AND ($2::text IS NULL OR conversation_id = $2)
                  AND ($3::text IS NULL OR actor_id = $3) AND ($4::text IS NULL OR action = $4)
                  AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
                  AND ($7::bigint IS NULL OR id < $7)
                ORDER BY id DESC LIMIT $8""")
                .execute(Tuple.from(new Object[] { tenant, conversationId, actorId, action, from, to, beforeId, limit }))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new AuditEntry(row.getLong("id"), row.getOffsetDateTime("at"),
                            row.getString("actor_kind"), row.getString("actor_id"), row.getString("action"),
                            row.getString("conversation_id"), parse(row.getString("before")),
                            parse(row.getString("after")), row.getString("note"))));
                    return entries;
                });
    }

    private static Object parse(String json) {
        return json == null ? null : Json.read(json, Object.class);
    }

    private Uni<Void> audit(SqlConnection conn, String tenant, String actor, String action, Object before,
            Object after) {
        return AdminAudit.write(conn, tenant, actor, action, before, after);
    }
}
