package io.parley.gateway.inbox;

import io.parley.common.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Tags agents put on conversations (table {@code conversation_tag}). A change replaces the set in one transaction
 * with its audit row, so the log shows who tagged what.
 */
@ApplicationScoped
public class ConversationTags {
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_CHARS = 40;
    /** Letters (any script) and digits, with inner spaces, '-' and '_'. */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N} _-]*[\\p{L}\\p{N}])?");

    private final Pool pool;

    public ConversationTags(Pool pool) {
        this.pool = pool;
    }

    /** A tag as stored (NFKC, lower case, trimmed), or null when it is not a valid tag. */
    public static String normalise(String tag) {
        if (tag == null) {
            return null;
        }
        String value = Normalizer.normalize(tag, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return value.codePointCount(0, value.length()) <= MAX_TAG_CHARS && TAG.matcher(value).matches() ? value : null;
    }

    /** The tenant's tags in use, most used first (for the console's filter and completion). */
    public Uni<List<String>> inUse(String tenant) {
        return pool.preparedQuery("""
                SELECT tag FROM conversation_tag WHERE tenant_id = $1 GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 200""")
                .execute(Tuple.of(tenant)).map(rows -> {
                    List<String> tags = new ArrayList<>();
                    rows.forEach(row -> tags.add(row.getString(0)));
                    return tags;
                });
    }

    /**
     * Replaces the conversation's tags; null when the tenant has no such conversation. The tags are already
     * normalised and distinct.
     */
    public Uni<List<String>> replace(String tenant, String conversationId, String actor, TreeSet<String> tags) {
        return pool.withTransaction(tx -> tx
                .preparedQuery("SELECT id FROM conversation WHERE id = $1 AND tenant_id = $2 FOR UPDATE")
                .execute(Tuple.of(conversationId, tenant))
                .chain(found -> found.size() == 0 ? Uni.createFrom().nullItem() : tx
                        .preparedQuery("DELETE FROM conversation_tag WHERE conversation_id = $1 RETURNING tag")
                        .execute(Tuple.of(conversationId))
                        .chain(removed -> tx.preparedQuery("""
                                INSERT INTO conversation_tag (tenant_id, conversation_id, tag, added_by)
                                SELECT $1, $2, tag, $3 FROM unnest($4::text[]) AS tag""")
                                .execute(Tuple.of(tenant, conversationId, actor, tags.toArray(String[]::new)))
                                .chain(inserted -> audit(tx, tenant, conversationId, actor, sorted(removed), tags)))
                        .replaceWith(() -> List.copyOf(tags))));
    }

    private static List<String> sorted(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        TreeSet<String> tags = new TreeSet<>();
        rows.forEach(row -> tags.add(row.getString(0)));
        return List.copyOf(tags);
    }

    private static Uni<Void> audit(io.vertx.mutiny.sqlclient.SqlClient tx, String tenant, String conversationId,
            String actor, List<String> before, TreeSet<String> after) {
        if (before.equals(List.copyOf(after))) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, conversation_id, before, after)
                VALUES ($1, 'agent', $2, 'conversation.tags', $3, ($4::text)::jsonb, ($5::text)::jsonb)""")
                .execute(Tuple.tuple(List.of(tenant, actor, conversationId, Json.write(Map.of("tags", before)),
                        Json.write(Map.of("tags", List.copyOf(after))))))
                .replaceWithVoid();
    }
}
