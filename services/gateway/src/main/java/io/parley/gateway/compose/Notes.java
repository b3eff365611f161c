package io.parley.gateway.compose;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Private notes (table {@code conversation_note}). Kept apart from messages on purpose: nothing that reads or
 * delivers messages to a visitor can ever see them.
 */
@ApplicationScoped
public class Notes {
    /** Notes one conversation may hold. */
    public static final int MAX_PER_CONVERSATION = 1000;
    private static final String COLUMNS = "id, conversation_id, author_id, author_name, body, after_seq, created_at";

    private final Pool pool;

    public Notes(Pool pool) {
        this.pool = pool;
    }

    /** The conversation's notes, oldest first; null when the tenant has no such conversation. */
    public Uni<List<Note>> of(String tenant, String conversationId) {
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM conversation WHERE id = $1 AND tenant_id = $2)")
                .execute(Tuple.of(conversationId, tenant))
                .chain(exists -> !exists.iterator().next().getBoolean(0) ? Uni.createFrom().nullItem()
                        : pool.preparedQuery("SELECT " + COLUMNS
                                + " FROM conversation_note WHERE conversation_id = $1 ORDER BY id LIMIT "
                                + MAX_PER_CONVERSATION).execute(Tuple.of(conversationId)).map(Notes::list));
    }

    /**
     * Adds a note after the conversation's newest message; null when the tenant has no such conversation, an
     * empty list when it already holds {@link #MAX_PER_CONVERSATION}.
     */
    public Uni<List<Note>> add(String tenant, String conversationId, String author, String authorName, String body) {
        return pool.preparedQuery("""
                INSERT INTO conversation_note (tenant_id, conversation_id, author_id, author_name, body, after_seq)
                SELECT c.tenant_id, c.id, $3, $4, $5, c.last_seq FROM conversation c
                WHERE c.id = $1 AND c.tenant_id = $2
                  AND (SELECT count(*) FROM conversation_note n WHERE n.conversation_id = c.id) < %d
                RETURNING %s""".formatted(MAX_PER_CONVERSATION, COLUMNS))
                .execute(Tuple.of(conversationId, tenant, author, authorName, body))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(list(rows))
                        : of(tenant, conversationId).map(existing -> existing == null ? null : List.<Note>of()));
    }

    private static List<Note> list(RowSet<Row> rows) {
        List<Note> notes = new ArrayList<>();
        for (Row row : rows) {
            notes.add(new Note(row.getLong("id"), row.getString("conversation_id"), row.getString("author_id"),
                    row.getString("author_name"), row.getString("body"), row.getLong("after_seq"),
                    row.getOffsetDateTime("created_at")));
        }
        return notes;
    }
}
