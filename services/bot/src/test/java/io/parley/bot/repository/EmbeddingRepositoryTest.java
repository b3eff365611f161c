package io.parley.bot.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bot.domain.Language;
import io.parley.bot.knowledge.Embedder;
import io.parley.bot.knowledge.OnnxEmbedder;
import io.parley.bot.knowledge.StoredEmbedder;
import io.parley.bot.rest.BotTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Knowledge vectors survive a restart: on the real PostgreSQL ({@code bot_embedding}), with the real model, a
 * second embedder with empty memory (a restarted process) reads every vector back and computes none.
 */
@QuarkusTest
@WithTestResource(value = BotTestResource.class, scope = TestResourceScope.GLOBAL)
class EmbeddingRepositoryTest {
    @Inject
    EmbeddingRepository repository;

    @Inject
    Embedder serviceEmbedder;

    /** The real model, counting how often it is asked. */
    static final class Counting implements Embedder {
        final OnnxEmbedder model;
        final AtomicInteger calls = new AtomicInteger();

        Counting(OnnxEmbedder model) {
            this.model = model;
        }

        @Override
        public float[] embed(String text, Language language) {
            calls.incrementAndGet();
            return model.embed(text, language);
        }
    }

    @Test
    void aRestartedBotReadsItsKnowledgeVectorsBackInsteadOfComputingThem() {
        String run = UUID.randomUUID().toString();
        List<String> texts = List.of("如何申请退款 " + run, "退款多久到账 " + run, "发票怎么开 " + run);
        OnnxEmbedder model = new OnnxEmbedder();

        Counting first = new Counting(model);
        StoredEmbedder before = new StoredEmbedder(first, repository, OnnxEmbedder::modelId);
        before.prefetch(Language.ZH, texts);
        assertEquals(3, first.calls.get());

        Counting second = new Counting(model);
        StoredEmbedder after = new StoredEmbedder(second, repository, OnnxEmbedder::modelId);
        after.prefetch(Language.ZH, texts);
        assertEquals(0, second.calls.get(), "nothing recomputed after the restart");
        for (String text : texts) {
            assertArrayEquals(model.embed(text, Language.ZH), after.embed(text, Language.ZH), 1e-6f, text);
        }
    }

    @Test
    void savingAgainKeepsTheFirstVectorAndOtherModelsAreSeparate() {
        String key = UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000";
        repository.save("model-a", Map.of(key, new float[] { 1f, 2f }));
        repository.save("model-a", Map.of(key, new float[] { 9f, 9f }));
        assertArrayEquals(new float[] { 1f, 2f }, repository.find("model-a", List.of(key)).get(key));
        assertEquals(Map.of(), repository.find("model-b", List.of(key)));
    }

    @Test
    void theServiceStoresItsKnowledgeVectors() {
        // The example bot the test app loaded: its knowledge went through the store.
        StoredEmbedder stored = (StoredEmbedder) serviceEmbedder;
        assertTrue(stored.loadedCount() + stored.computedCount() > 100,
                "loaded " + stored.loadedCount() + ", computed " + stored.computedCount());
    }
}
