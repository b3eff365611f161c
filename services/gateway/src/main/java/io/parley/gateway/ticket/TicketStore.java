package io.parley.gateway.ticket;

import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tickets and their thread in PostgreSQL; every change is kept as a history entry with before/after. */
@ApplicationScoped
public class TicketStore {
    static final String COLUMNS = "id, conversation_id, subject, requester_id, requester_name, status, priority,"
            + " assignee_id, group_id, tags, created_at, updated_at";

    private final Pool pool;

    public TicketStore(Pool pool) {
        this.pool = pool;
    }

    public record Ticket(long id, String conversationId, String subject, String requesterId, String requesterName,
            String status, String priority, String assigneeId, String groupId, List<String> tags,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static Ticket from(Row row) {
            return new Ticket(row.getLong("id"), row.getString("conversation_id"), row.getString("subject"),
                    row.getString("requester_id"), row.getString("requester_name"), row.getString("status"),
                    row.getString("priority"), row.getString("assignee_id"), row.getString("group_id"),
                    Arrays.asList(row.getArrayOfStrings("tags")), row.getOffsetDateTime("created_at"),
                    row.getOffsetDateTime("updated_at"));
        }

        Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("status", status);
            f.put("priority", priority);
            f.put("assigneeId", assigneeId);
            f.put("groupId", groupId);
            f.put("tags", tags);
            return f;
        }
    }

    public record Entry(long id, String kind, String authorKind, String authorId, String body, Object change,
            OffsetDateTime createdAt) {
    }

    /** What a list asks for; null fields do not filter. {@code sort}: created_desc, created_asc, updated_desc. */
    public record Query(String status, String assigneeId, String groupId, String tag, OffsetDateTime createdFrom,
            OffsetDateTime createdTo, String sort, OffsetDateTime afterTime, Long afterId, int limit) {
    }

    public Uni<Ticket> create(String tenant, String author, Ticket t, String body) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO ticket (tenant_id, conversation_id,"
                + " subject, requester_id, requester_name, priority, assignee_id, group_id, tags)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenant, t.conversationId(), t.subject(), t.requesterId(),
                        t.requesterName(), t.priority(), t.assigneeId(), t.groupId(), t.tags().toArray(String[]::new) }))
                .map(rows -> Ticket.from(rows.iterator().next()))
                .call(created -> body == null ? Uni.createFrom().voidItem()
                        : entry(conn, created.id(), "note", author, body, null))
                .call(created -> outbox(conn, tenant, "created", created, author)));
    }

    public Uni<Ticket> find(String tenant, long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ticket WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.size() == 0 ? null : Ticket.from(rows.iterator().next()));
    }

    public Uni<List<Entry>> entries(long ticketId) {
        return pool.preparedQuery("SELECT id, kind, author_kind, author_id, body, change::text AS change, created_at"
                + " FROM ticket_entry WHERE ticket_id = $1 ORDER BY id").execute(Tuple.of(ticketId)).map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new Entry(row.getLong("id"), row.getString("kind"),
                            row.getString("author_kind"), row.getString("author_id"), row.getString("body"),
                            row.getString("change") == null ? null : Json.read(row.getString("change"), Object.class),
                            row.getOffsetDateTime("created_at"))));
                    return entries;
                });
    }

    /** A list query as SQL and its parameters; also what the index test EXPLAINs. */
    public record ListSql(String sql, Tuple params) {
    }

    /**
     * Filters are written out only when set, so the planner sees plain predicates and picks the index for them;
     * the keyset condition continues after the last row of the previous page.
     */
    public static ListSql listSql(String tenant, Query q) {
        List<Object> params = new ArrayList<>();
        params.add(tenant);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ticket WHERE tenant_id = $1");
        if (q.status() != null) {
            if (q.status().equals("active")) {
                sql.append(" AND status IN ('open', 'pending')");
            } else {
                params.add(q.status());
                sql.append(" AND status = $").append(params.size());
            }
        }
        if (q.assigneeId() != null) {
            params.add(q.assigneeId());
            sql.append(" AND assignee_id = $").append(params.size());
        }
        if (q.groupId() != null) {
            params.add(q.groupId());
            sql.append(" AND group_id = $").append(params.size());
        }
        if (q.tag() != null) {
            params.add(q.tag());
            sql.append(" AND tags @> ARRAY[$").append(params.size()).append("::text]");
        }
        if (q.createdFrom() != null) {
            params.add(q.createdFrom());
            sql.append(" AND created_at >= $").append(params.size());
        }
        if (q.createdTo() != null) {
            params.add(q.createdTo());
            sql.append(" AND created_at < $").append(params.size());
        }
        String column = q.sort().equals("updated_desc") ? "updated_at" : "created_at";
        boolean ascending = q.sort().equals("created_asc");
        if (q.afterId() != null) {
            params.add(q.afterTime());
            params.add(q.afterId());
            sql.append(" AND (").append(column).append(", id) ").append(ascending ? ">" : "<").append(" ($")
                    .append(params.size() - 1).append(", $").append(params.size()).append(")");
        }
        String direction = ascending ? " ASC" : " DESC";
        params.add(q.limit());
        sql.append(" ORDER BY ").append(column).append(direction).append(", id").append(direction)
                .append(" LIMIT $").append(params.size());
        return new ListSql(sql.toString(), Tuple.tuple(params));
    }

    public Uni<List<Ticket>> list(String tenant, Query q) {
        ListSql list = listSql(tenant, q);
        return pool.preparedQuery(list.sql()).execute(list.params()).map(rows -> {
            List<Ticket> tickets = new ArrayList<>();
            rows.forEach(row -> tickets.add(Ticket.from(row)));
            return tickets;
        });
    }

    /** Applies the changed fields and records them (before/after) in the history; null when absent. */
    public Uni<Ticket> update(String tenant, long id, String author, Map<String, Object> changes) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT " + COLUMNS
                + " FROM ticket WHERE tenant_id = $1 AND id = $2 FOR UPDATE").execute(Tuple.of(tenant, id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Ticket before = Ticket.from(rows.iterator().next());
                    Map<String, Object> fields = before.fields();
                    fields.putAll(changes);
                    @SuppressWarnings("unchecked")
                    List<String> tags = (List<String>) fields.get("tags");
                    return conn.preparedQuery("UPDATE ticket SET status = $3, priority = $4, assignee_id = $5,"
                            + " group_id = $6, tags = $7, updated_at = now() WHERE tenant_id = $1 AND id = $2"
                            + " RETURNING " + COLUMNS)
                            .execute(Tuple.from(new Object[] { tenant, id, fields.get("status"), fields.get("priority"),
                                    fields.get("assigneeId"), fields.get("groupId"), tags.toArray(String[]::new) }))
                            .map(updated -> Ticket.from(updated.iterator().next()))
                            .call(after -> entry(conn, id, "change", author, null,
                                    Map.of("before", before.fields(), "after", after.fields())))
                            .call(after -> outbox(conn, tenant, "updated", after, author));
                }));
    }

    /** A reply or note; returns false when the ticket does not exist in the tenant. */
    public Uni<Boolean> addEntry(String tenant, long id, String kind, String author, String body) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                "UPDATE ticket SET updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenant, id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : entry(conn, id, kind, author, body, null)
                                .chain(() -> outbox(conn, tenant, kind, Ticket.from(rows.iterator().next()), author))
                                .replaceWith(true)));
    }

    /** The change's event, committed with it; {@link TicketEvents} relays it to Kafka. */
    private Uni<Void> outbox(SqlConnection conn, String tenant, String kind, Ticket t, String actor) {
        TicketChanged event = new TicketChanged(tenant, t.id(), kind, t.conversationId(), t.status(), t.priority(),
                t.assigneeId(), t.groupId(), t.tags(), actor, System.currentTimeMillis());
        return conn.preparedQuery("INSERT INTO ticket_outbox (ticket_id, payload) VALUES ($1, $2)")
                .execute(Tuple.of(t.id(), Json.write(event))).replaceWithVoid();
    }

    private Uni<Void> entry(SqlConnection conn, long ticketId, String kind, String author, String body,
            Object change) {
        return conn.preparedQuery("INSERT INTO ticket_entry (ticket_id, kind, author_kind, author_id, body, change)"
                + " VALUES ($1, $2, 'agent', $3, $4, $5::text::jsonb)")
                .execute(Tuple.of(ticketId, kind, author, body, change == null ? null : Json.write(change)))
                .replaceWithVoid();
    }
}
