package io.parley.gateway.ticket;

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
 * The tickets list: a keyset page over one of the ticket indexes (docs/tickets.md). Written as SQL rather than a
 * Panache query on purpose: its predicates must stay plain enough for the planner to pick the index for each
 * filter, and {@code TicketIndexTest} EXPLAINs exactly this SQL.
 */
@ApplicationScoped
public class TicketList {
    static final String COLUMNS = "id, conversation_id, subject, requester_id, requester_name, requester_email, status, priority,"
            + " assignee_id, group_id, tags, created_at, updated_at";

    /** What a list asks for; null fields do not filter. {@code sort}: created_desc, created_asc, updated_desc. */
    public record Query(String status, String assigneeId, String groupId, String tag, OffsetDateTime createdFrom,
            OffsetDateTime createdTo, String sort, OffsetDateTime afterTime, Long afterId, int limit) {
    }

    /** A list query as SQL and its parameters. */
    public record Sql(String sql, Tuple params) {
    }

    private final Pool pool;

    public TicketList(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<TicketView>> page(String tenant, Query q) {
        Sql list = sql(tenant, q);
        return pool.preparedQuery(list.sql()).execute(list.params()).map(rows -> {
            List<TicketView> tickets = new ArrayList<>();
            rows.forEach(row -> tickets.add(view(row)));
            return tickets;
        });
    }

    /**
     * Filters are written out only when set, so the planner sees plain predicates and picks the index for them;
     * the keyset condition continues after the last row of the previous page.
     */
    public static Sql sql(String tenant, Query q) {
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
        return new Sql(sql.toString(), Tuple.tuple(params));
    }

    private static TicketView view(Row row) {
        return new TicketView(row.getLong("id"), row.getString("conversation_id"), row.getString("subject"),
                row.getString("requester_id"), row.getString("requester_name"), row.getString("requester_email"),
                row.getString("status"),
                row.getString("priority"), row.getString("assignee_id"), row.getString("group_id"),
                Arrays.asList(row.getArrayOfStrings("tags")), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
