package io.parley.bot.repository;

import io.parley.bot.knowledge.EmbeddingStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bot_embedding} in PostgreSQL (schema migrated by routing's Flyway, like every table). Called from the
 * bots' loading thread, never from an event loop, so it waits for its queries.
 */
@ApplicationScoped
public class EmbeddingRepository implements EmbeddingStore {
    private final Pool pool;

    public EmbeddingRepository(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Map<String, float[]> find(String model, Collection<String> keys) {
        Map<String, float[]> found = new HashMap<>();
        for (Row row : pool.preparedQuery("""
                SELECT text_sha256, vector FROM bot_embedding WHERE model = $1 AND text_sha256 = ANY($2)""")
                .executeAndAwait(Tuple.of(model, keys.toArray(String[]::new)))) {
            Float[] boxed = row.getArrayOfFloats("vector");
            float[] v = new float[boxed.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = boxed[i];
            }
            found.put(row.getString("text_sha256"), v);
        }
        return found;
    }

    @Override
    public void save(String model, Map<String, float[]> vectors) {
        List<Tuple> rows = new ArrayList<>(vectors.size());
        vectors.forEach((key, v) -> {
            Float[] boxed = new Float[v.length];
            for (int i = 0; i < v.length; i++) {
                boxed[i] = v[i];
            }
            rows.add(Tuple.of(model, key, boxed));
        });
        pool.preparedQuery("""
                INSERT INTO bot_embedding (model, text_sha256, vector) VALUES ($1, $2, $3)
                ON CONFLICT (model, text_sha256) DO NOTHING""").executeBatchAndAwait(rows);
    }
}
