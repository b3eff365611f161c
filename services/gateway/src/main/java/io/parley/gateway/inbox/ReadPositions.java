package io.parley.gateway.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How far each agent has read each conversation (table {@code conversation_read}), from their {@code read} frames:
 * the inbox's unread counts. Only ever raised, so frames arriving out of order do no harm.
 */
@ApplicationScoped
public class ReadPositions {
    private final Pool pool;

    public ReadPositions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> raise(String conversationId, String readerId, long seq) {
        return pool.preparedQuery("""
                INSERT INTO conversation_read (conversation_id, reader_id, seq) VALUES ($1, $2, $3)
                ON CONFLICT (conversation_id, reader_id) DO UPDATE SET seq = excluded.seq, read_at = now()
                WHERE conversation_read.seq < excluded.seq""")
                .execute(Tuple.of(conversationId, readerId, seq)).replaceWithVoid();
    }
}
