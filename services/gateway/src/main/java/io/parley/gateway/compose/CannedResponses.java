package io.parley.gateway.compose;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Canned responses (table {@code canned_response}): a tenant's and each agent's own. */
@ApplicationScoped
public class CannedResponses {
    /** A tenant keeps at most this many, and each agent as many of their own. */
    public static final int MAX_PER_OWNER = 500;
    private static final String COLUMNS = "id, shortcut, body, owner_id IS NOT NULL AS personal, updated_by, updated_at";

    /** Why a write did not happen. */
    public enum Refusal {
        NOT_FOUND, TAKEN, FULL
    }

    /** A write's outcome: the response, or why not. */
    public record Outcome(CannedResponse response, Refusal refusal) {
    }

    private final Pool pool;

    public CannedResponses(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's and the caller's, personal ones first within a shortcut, by shortcut. */
    public Uni<List<CannedResponse>> visibleTo(String tenant, String agent) {
        return pool.preparedQuery("SELECT " + COLUMNS + """
                 FROM canned_response WHERE tenant_id = $1 AND (owner_id IS NULL OR owner_id = $2)
                ORDER BY shortcut, owner_id IS NULL""")
                .execute(Tuple.of(tenant, agent)).map(CannedResponses::list);
    }

    public Uni<Outcome> create(String tenant, String owner, String actor, String shortcut, String body) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                SELECT count(*) FROM canned_response WHERE tenant_id = $1 AND owner_id IS NOT DISTINCT FROM $2""")
                .execute(Tuple.of(tenant, owner))
                .chain(count -> count.iterator().next().getLong(0) >= MAX_PER_OWNER
                        ? Uni.createFrom().item(new Outcome(null, Refusal.FULL))
                        : tx.preparedQuery("INSERT INTO canned_response (tenant_id, owner_id, shortcut, body, updated_by)"
                                + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
                                .execute(Tuple.of(tenant, owner, shortcut, body, actor))
                                .map(rows -> new Outcome(list(rows).get(0), null))))
                .onFailure(CannedResponses::duplicate).recoverWithItem(new Outcome(null, Refusal.TAKEN));
    }

    /**
     * Changes one the caller may change: their own, or (with {@code manageTenant}) a tenant-wide one.
     */
    public Uni<Outcome> update(String tenant, long id, String actor, boolean manageTenant, String shortcut,
            String body) {
        return pool.preparedQuery("UPDATE canned_response SET shortcut = $4, body = $5, updated_by = $3,"
                + " updated_at = now() WHERE tenant_id = $1 AND id = $2 AND " + owned(manageTenant)
                + " RETURNING " + COLUMNS)
                .execute(Tuple.of(tenant, id, actor, shortcut, body))
                .map(rows -> rows.size() == 0 ? new Outcome(null, Refusal.NOT_FOUND)
                        : new Outcome(list(rows).get(0), null))
                .onFailure(CannedResponses::duplicate).recoverWithItem(new Outcome(null, Refusal.TAKEN));
    }

    public Uni<Boolean> delete(String tenant, long id, String actor, boolean manageTenant) {
        return pool.preparedQuery("DELETE FROM canned_response WHERE tenant_id = $1 AND id = $2 AND "
                + owned(manageTenant)).execute(Tuple.of(tenant, id, actor)).map(rows -> rows.rowCount() == 1);
    }

    /** The caller's own ($3), or a tenant-wide one when they manage those. */
    private static String owned(boolean manageTenant) {
        return manageTenant ? "(owner_id = $3 OR owner_id IS NULL)" : "owner_id = $3";
    }

    private static boolean duplicate(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()); // unique_violation
    }

    private static List<CannedResponse> list(RowSet<Row> rows) {
        List<CannedResponse> result = new ArrayList<>();
        for (Row row : rows) {
            result.add(new CannedResponse(row.getLong("id"), row.getString("shortcut"), row.getString("body"),
                    row.getBoolean("personal"), row.getString("updated_by"), row.getOffsetDateTime("updated_at")));
        }
        return result;
    }
}
