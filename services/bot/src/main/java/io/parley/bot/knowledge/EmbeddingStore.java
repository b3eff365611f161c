package io.parley.bot.knowledge;

import java.util.Collection;
import java.util.Map;

/** Where computed vectors are kept across restarts, keyed by model id and the SHA-256 of the text. */
public interface EmbeddingStore {

    /** The stored vectors among {@code keys} (hex SHA-256 of the texts). */
    Map<String, float[]> find(String model, Collection<String> keys);

    /** Stores new vectors; keys already stored are left as they are. */
    void save(String model, Map<String, float[]> vectors);
}
