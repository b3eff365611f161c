package io.parley.gateway.inbox;

import io.parley.common.model.Participant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inbox list: a keyset page of a tenant's conversations by last activity ({@code conversation_by_activity}),
 * each with its newest message, the reader's unread count and, while queued, its place in the queue. Plain SQL with
 * the filters written out only when set, as {@code TicketList} does, so the planner sees simple predicates.
 */
@ApplicationScoped
public class InboxList {
    /** Characters of the newest message the list shows. */
    static final int PREVIEW_CHARS = 140;
    /** Unread counts stop here (the console shows "99+"). */
    static final int MAX_UNREAD = 100;

    /** A list query as SQL and its parameters. */
    public record Sql(String sql, Tuple params) {
    }

    private final Pool pool;

    public InboxList(Pool pool) {
        this.pool = pool;
    }

    public Uni<InboxItem.Page> page(InboxQuery q) {
        Sql list = sql(q);
        return pool.preparedQuery(list.sql()).execute(list.params()).map(rows -> {
            List<InboxItem> items = new ArrayList<>();
            rows.forEach(row -> items.add(item(row)));
            String next = null;
            if (items.size() > q.limit()) {
                items.remove(items.size() - 1);
                InboxItem last = items.get(items.size() - 1);
                next = new InboxCursor(last.lastActivityAt(), last.id()).encode();
            }
            return new InboxItem.Page(items, next);
        });
    }

    public static Sql sql(InboxQuery q) {
        List<Object> params = new ArrayList<>();
        params.add(q.tenant());
        params.add(q.reader());
        StringBuilder where = new StringBuilder(" WHERE c.tenant_id = $1");
        switch (q.view()) {
            case MINE -> where.append(" AND c.assignee_id = $2 AND c.status <> 'closed'");
            case QUEUED -> where.append(" AND c.status = 'queued'");
            case CLOSED -> where.append(q.supervises() ? " AND c.status = 'closed'"
                    : " AND c.status = 'closed' AND c.assignee_id = $2");
            case ALL -> {
            }
        }
        if (q.status() != null) {
            params.add(q.status());
            where.append(" AND c.status = $").append(params.size());
        }
        if (q.groupId() != null) {
            params.add(q.groupId());
            where.append(" AND c.group_id = $").append(params.size());
        }
        if (q.channel() != null) {
            params.add(q.channel());
            where.append(" AND c.channel = $").append(params.size());
        }
        if (q.tag() != null) {
            params.add(q.tag());
            where.append(" AND EXISTS (SELECT 1 FROM conversation_tag t WHERE t.conversation_id = c.id AND t.tag = $")
                    .append(params.size()).append(")");
        }
        if (q.after() != null) {
            params.add(q.after().at());
            params.add(q.after().id());
            where.append(" AND (c.updated_at, c.id) < ($").append(params.size() - 1).append(", $")
                    .append(params.size()).append(")");
        }
        params.add(q.limit() + 1);
        String sql = """
                SELECT c.id, c.status, c.channel, c.group_id, c.priority, c.assignee_id, a.name AS assignee_name,
                       c.visitor_id, v.name AS visitor_name, coalesce(v.verified, false) AS verified,
                       c.updated_at, c.created_at, c.queued_at, c.csat_score,
                       ARRAY(SELECT t.tag FROM conversation_tag t WHERE t.conversation_id = c.id ORDER BY t.tag) AS tags,
                       m.seq AS m_seq, m.sender_kind, m.sender_id, m.sender_name, left(m.body, %d) AS m_text,
                       coalesce(jsonb_array_length(m.parts), 0) AS m_parts, m.created_at AS m_at,
                       (SELECT count(*) FROM (SELECT 1 FROM message u WHERE u.conversation_id = c.id
                            AND u.seq > coalesce(r.seq, 0) AND u.sender_kind = 'visitor' LIMIT %d) x) AS unread,
                       CASE WHEN c.status = 'queued' THEN (SELECT count(*) FROM conversation q
                            WHERE q.tenant_id = c.tenant_id AND q.status = 'queued'
                              AND q.group_id IS NOT DISTINCT FROM c.group_id
                              AND (q.priority > c.priority OR (q.priority = c.priority AND q.queued_at <= c.queued_at)))
                       END AS position
                FROM conversation c
                LEFT JOIN visitor v ON v.tenant_id = c.tenant_id AND v.id = c.visitor_id
                LEFT JOIN agent_profile a ON a.tenant_id = c.tenant_id AND a.agent_id = c.assignee_id
                LEFT JOIN conversation_read r ON r.conversation_id = c.id AND r.reader_id = $2
                LEFT JOIN LATERAL (SELECT seq, sender_kind, sender_id, sender_name, body, parts, created_at
                    FROM message WHERE conversation_id = c.id AND seq = c.last_seq) m ON true
                """.formatted(PREVIEW_CHARS, MAX_UNREAD)
                + where + " ORDER BY c.updated_at DESC, c.id DESC LIMIT $" + params.size();
        return new Sql(sql, Tuple.from(params));
    }

    private static InboxItem item(Row row) {
        String assignee = row.getString("assignee_id");
        Long seq = row.getLong("m_seq");
        InboxItem.LastMessage last = seq == null ? null : new InboxItem.LastMessage(seq,
                new Participant(Participant.Kind.fromWire(row.getString("sender_kind")), row.getString("sender_id"),
                        row.getString("sender_name")),
                row.getString("m_text"), row.getInteger("m_parts"), row.getOffsetDateTime("m_at"));
        OffsetDateTime queuedAt = row.getOffsetDateTime("queued_at");
        Long position = row.getLong("position");
        InboxItem.Queue queue = position == null ? null : new InboxItem.Queue(position.intValue(), queuedAt == null
                ? 0 : Math.max(0, java.time.Duration.between(queuedAt, OffsetDateTime.now()).toSeconds()));
        return new InboxItem(row.getString("id"), row.getString("status"), row.getString("channel"),
                row.getString("group_id"), row.getInteger("priority"),
                assignee == null ? null : new InboxItem.Agent(assignee, row.getString("assignee_name")),
                new InboxItem.Visitor(row.getString("visitor_id"), row.getString("visitor_name"),
                        row.getBoolean("verified")),
                Arrays.asList(row.getArrayOfStrings("tags")), last, row.getLong("unread").intValue(),
                row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("created_at"), queue,
                row.getInteger("csat_score"));
    }
}
