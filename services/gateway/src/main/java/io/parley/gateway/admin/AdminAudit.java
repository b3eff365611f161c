package io.parley.gateway.admin;

import io.parley.common.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** An admin's change, written to {@code audit_log} in the change's own transaction (actor kind {@code admin}). */
final class AdminAudit {
    private AdminAudit() {
    }

    static Uni<Void> write(SqlConnection conn, String tenant, String actor, String action, Object before,
            Object after) {
        return conn.preparedQuery("""
                INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, before, after)
                VALUES ($1, 'admin', $2, $3, $4::text::jsonb, $5::text::jsonb)""")
                .execute(Tuple.of(tenant, actor, action, before == null ? null : Json.write(before),
                        after == null ? null : Json.write(after)))
                .replaceWithVoid();
    }
}
