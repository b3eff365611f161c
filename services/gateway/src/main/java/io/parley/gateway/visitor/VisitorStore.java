package io.parley.gateway.visitor;

import io.parley.common.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code visitor} table (schema migrated by routing): who a tenant's visitors are, whether the tenant vouched
 * for them, the hash of the secret that lets a browser continue one, and their attributes (latest value per name,
 * with the time it was set). Routing and the bot read it to show agents and prompts who they are talking to.
 */
@ApplicationScoped
public class VisitorStore {
    /** A stored visitor; {@code resumeSecretHash} null when none (or revoked). */
    public record Visitor(String id, boolean verified, byte[] resumeSecretHash) {
    }

    /** Attribute changes of one session: values to set (with when), names to remove (sent as null). */
    public record AttributeChanges(Map<String, Object> set, List<String> removed) {
        public static AttributeChanges of(Map<String, Object> given, long nowMillis) {
            Map<String, Object> set = new LinkedHashMap<>();
            List<String> removed = new ArrayList<>();
            if (given != null) {
                given.forEach((name, value) -> {
                    if (value == null) {
                        removed.add(name);
                    } else {
                        set.put(name, Map.of("value", value, "setAt", nowMillis));
                    }
                });
            }
            return new AttributeChanges(set, removed);
        }

        String json() {
            return Json.write(set);
        }

        String[] removedNames() {
            return removed.toArray(String[]::new);
        }
    }

    private final Pool pool;

    public VisitorStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Visitor> find(String tenant, String id) {
        return pool.preparedQuery("SELECT id, verified, resume_secret_hash FROM visitor WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.size() == 0 ? null : visitor(rows.iterator().next()));
    }

    private static Visitor visitor(Row row) {
        io.vertx.mutiny.core.buffer.Buffer hash = row.getBuffer("resume_secret_hash");
        return new Visitor(row.getString("id"), row.getBoolean("verified"), hash == null ? null : hash.getBytes());
    }

    /** A new unverified visitor that a browser continues with the secret whose hash is given. */
    public Uni<Void> createUnverified(String tenant, String id, String claimedId, String name, byte[] resumeSecretHash,
            AttributeChanges attributes) {
        return pool.preparedQuery("""
                INSERT INTO visitor (tenant_id, id, verified, claimed_id, name, resume_secret_hash, attributes)
                VALUES ($1, $2, false, $3, $4, $5, $6::text::jsonb)""")
                .execute(Tuple.from(new Object[] { tenant, id, claimedId, name, Buffer.buffer(resumeSecretHash),
                        attributes.json() }))
                .replaceWithVoid();
    }

    /**
     * A verified visitor signed in: created, or seen again. False when the id belongs to an unverified visitor
     * (the two are never the same visitor).
     */
    public Uni<Boolean> signedIn(String tenant, String id, String name, AttributeChanges attributes) {
        return pool.preparedQuery("""
                INSERT INTO visitor (tenant_id, id, verified, name, attributes) VALUES ($1, $2, true, $3, $4::text::jsonb)
                ON CONFLICT (tenant_id, id) DO UPDATE SET last_seen_at = now(),
                    name = coalesce(EXCLUDED.name, visitor.name),
                    attributes = (visitor.attributes || EXCLUDED.attributes) - $5::text[]
                WHERE visitor.verified
                RETURNING id""")
                .execute(Tuple.of(tenant, id, name, attributes.json(), attributes.removedNames()))
                .map(rows -> rows.size() == 1);
    }

    /** A known visitor continues: seen now, name and attributes as given (latest wins). */
    public Uni<Void> seen(String tenant, String id, String name, AttributeChanges attributes) {
        return pool.preparedQuery("""
                UPDATE visitor SET last_seen_at = now(), name = coalesce($3, name),
                       attributes = (attributes || $4::text::jsonb) - $5::text[]
                WHERE tenant_id = $1 AND id = $2""")
                .execute(Tuple.of(tenant, id, name, attributes.json(), attributes.removedNames()))
                .replaceWithVoid();
    }

    /** The browser forgets the visitor (logout): its resume secret stops working. */
    /** The tracking device the visitor's latest session came from (docs/widget.md, "Visitor tracking"). */
    public Uni<Void> linkDevice(String tenant, String id, String deviceId) {
        return pool.preparedQuery("UPDATE visitor SET device_id = $3 WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id, deviceId)).replaceWithVoid();
    }

    public Uni<Void> forgetResumeSecret(String tenant, String id) {
        return pool.preparedQuery("UPDATE visitor SET resume_secret_hash = NULL WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).replaceWithVoid();
    }
}
