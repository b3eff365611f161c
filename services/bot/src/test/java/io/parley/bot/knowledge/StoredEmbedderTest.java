package io.parley.bot.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.bot.domain.Language;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store-backed embedder's rules, with an in-memory store and a counting model (the real store: EmbeddingRepositoryTest). */
class StoredEmbedderTest {

    /** A model whose vector is a function of the text, counting its calls. */
    static final class CountingModel implements Embedder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public float[] embed(String text, Language language) {
            calls.incrementAndGet();
            return new float[] { text.length(), text.hashCode(), language.ordinal() };
        }
    }

    static final class MapStore implements EmbeddingStore {
        final Map<String, Map<String, float[]>> byModel = new HashMap<>();
        boolean broken;

        @Override
        public Map<String, float[]> find(String model, Collection<String> keys) {
            if (broken) {
                throw new IllegalStateException("database down");
            }
            Map<String, float[]> found = new HashMap<>();
            keys.forEach(k -> {
                float[] v = byModel.getOrDefault(model, Map.of()).get(k);
                if (v != null) {
                    found.put(k, v);
                }
            });
            return found;
        }

        @Override
        public void save(String model, Map<String, float[]> vectors) {
            if (broken) {
                throw new IllegalStateException("database down");
            }
            byModel.computeIfAbsent(model, m -> new HashMap<>()).putAll(vectors);
        }
    }

    @Test
    void vectorsComputedOnceAreReadBackAfterARestart() {
        MapStore store = new MapStore();
        List<String> texts = List.of("如何申请退款", "退款多久到账", "如何申请退款"); // a repeat is computed once
        CountingModel first = new CountingModel();
        StoredEmbedder before = new StoredEmbedder(first, store, OnnxEmbedder::modelId);
        before.prefetch(Language.ZH, texts);
        assertEquals(2, first.calls.get());
        assertEquals(2, store.byModel.get("bge-small-zh-v1.5-q").size());
        float[] v = before.embed("退款多久到账", Language.ZH);
        assertEquals(2, first.calls.get(), "a prefetched text is not computed again");

        CountingModel second = new CountingModel(); // a new process: empty memory, same store
        StoredEmbedder after = new StoredEmbedder(second, store, OnnxEmbedder::modelId);
        after.prefetch(Language.ZH, texts);
        assertEquals(0, second.calls.get());
        assertEquals(2, after.loadedCount());
        assertArrayEquals(v, after.embed("退款多久到账", Language.ZH));

        // Another language is another model: nothing shared.
        after.prefetch(Language.EN, List.of("如何申请退款"));
        assertEquals(1, second.calls.get());
    }

    @Test
    void aFailingStoreIsBypassedAndQuestionsAreNeverStored() {
        MapStore store = new MapStore();
        store.broken = true;
        CountingModel model = new CountingModel();
        StoredEmbedder embedder = new StoredEmbedder(model, store, OnnxEmbedder::modelId);
        embedder.prefetch(Language.EN, List.of("How do I get a refund?"));
        assertEquals(1, embedder.computedCount());
        assertArrayEquals(model.embed("How do I get a refund?", Language.EN),
                embedder.embed("How do I get a refund?", Language.EN));

        store.broken = false;
        embedder.embed("a visitor's question", Language.EN);
        assertEquals(Map.of(), store.byModel, "only prefetched (knowledge) texts are stored");
    }
}
