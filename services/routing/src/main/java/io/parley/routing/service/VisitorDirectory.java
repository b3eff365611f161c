package io.parley.routing.service;

import io.parley.common.model.VisitorProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Visitors as agents see them (the gateway's widget sessions write the {@code visitor} table): read when routing
 * tells agents about a conversation, so their frame names the visitor, the verified flag and the attributes.
 */
@ApplicationScoped
public class VisitorDirectory {
    /** One visitor of one tenant. */
    public record Key(String tenant, String visitorId) {
    }

    private final Pool pool;

    public VisitorDirectory(Pool pool) {
        this.pool = pool;
    }

    /** Every visitor asked for, in one query; a visitor without a record gets {@link VisitorProfile#unknown}. */
    public Uni<Map<Key, VisitorProfile>> profiles(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                SELECT v.tenant_id, v.id, v.name, v.verified, v.claimed_id, v.attributes::text AS attributes
                FROM visitor v JOIN unnest($1::text[], $2::text[]) AS k(tenant, id)
                  ON v.tenant_id = k.tenant AND v.id = k.id""")
                .execute(Tuple.of(keys.stream().map(Key::tenant).toArray(String[]::new),
                        keys.stream().map(Key::visitorId).toArray(String[]::new)))
                .map(rows -> {
                    Map<Key, VisitorProfile> found = new HashMap<>();
                    for (Row row : rows) {
                        found.put(new Key(row.getString("tenant_id"), row.getString("id")), profile(row));
                    }
                    keys.forEach(k -> found.computeIfAbsent(k, missing -> VisitorProfile.unknown(missing.visitorId())));
                    return found;
                });
    }

    private static VisitorProfile profile(Row row) {
        return VisitorProfile.stored(row.getString("id"), row.getString("name"), row.getBoolean("verified"),
                row.getString("claimed_id"), row.getString("attributes"));
    }
}
