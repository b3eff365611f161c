package io.parley.gateway.admin;

import io.parley.common.json.Json;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The audit log: admins' changes are written here in the change's own transaction (actor kind {@code admin}), and
 * read back filtered, newest first, in keyset pages.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepositoryBase<AuditRow, Long> {

    /** What a page asks for; null fields do not filter. {@code to} is exclusive; {@code beforeId} continues a page. */
    public record Query(String conversationId, String actorId, String action, OffsetDateTime from,
            OffsetDateTime to, Long beforeId, int limit) {
    }

    /**
     * Records an admin's change; call inside the change's transaction. {@code before}/{@code after} are the views the
     * API shows (null: none), kept as JSON objects.
     */
    public Uni<Void> record(String tenant, String actor, String action, Object before, Object after) {
        AuditRow row = new AuditRow();
        row.tenantId = tenant;
        row.at = OffsetDateTime.now();
        row.actorKind = "admin";
        row.actorId = actor;
        row.action = action;
        row.before = asObject(before);
        row.after = asObject(after);
        return persist(row).replaceWithVoid();
    }

    /** Only the filters that are set become conditions, so the planner sees plain predicates. */
    @WithSession
    public Uni<AuditPage> page(String tenant, Query q) {
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        Parameters params = Parameters.with("tenant", tenant);
        filter(where, params, "conversationId = :conversation", "conversation", q.conversationId());
        filter(where, params, "actorId = :actor", "actor", q.actorId());
        filter(where, params, "action = :action", "action", q.action());
        filter(where, params, "at >= :from", "from", q.from());
        filter(where, params, "at < :to", "to", q.to());
        filter(where, params, "id < :before", "before", q.beforeId());
        return find(where.toString(), Sort.descending("id"), params).page(Page.ofSize(q.limit())).list()
                .map(rows -> new AuditPage(rows.stream().map(AuditRow::view).toList(),
                        rows.size() == q.limit() ? rows.get(rows.size() - 1).id : null));
    }

    private static void filter(StringBuilder where, Parameters params, String condition, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            params.and(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object view) {
        return view == null ? null : Json.MAPPER.convertValue(view, Map.class);
    }
}
