package io.parley.bot.knowledge;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.parley.bot.domain.Language;
import org.jboss.logging.Logger;

/**
 * In-process embeddings from models shipped in Maven jars: bge-small-zh-v1.5 (quantised) for Chinese,
 * bge-small-en-v1.5 (quantised) for English. Models load on first use; vectors are cached by text so a hot reload
 * of a bot re-embeds only what changed.
 */
public final class OnnxEmbedder implements Embedder {
    // A plain logger, not io.quarkus.logging.Log: the retrieval classes also run outside Quarkus (bench/).
    private static final Logger LOG = Logger.getLogger(OnnxEmbedder.class);

    private static final int CACHE_LIMIT = 200_000;

    private final Map<Language, Supplier<EmbeddingModel>> factories = new EnumMap<>(Language.class);
    private final Map<Language, EmbeddingModel> models = new EnumMap<>(Language.class);
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    public OnnxEmbedder() {
        factories.put(Language.ZH, BgeSmallZhV15QuantizedEmbeddingModel::new);
        factories.put(Language.EN, BgeSmallEnV15QuantizedEmbeddingModel::new);
    }

    private EmbeddingModel model(Language language) {
        synchronized (models) {
            return models.computeIfAbsent(language, l -> {
                long t0 = System.nanoTime();
                EmbeddingModel m = factories.get(l).get();
                m.embed("warm up");
                LOG.infof("embedding model for %s loaded in %d ms", l.code(), (System.nanoTime() - t0) / 1_000_000);
                return m;
            });
        }
    }

    /** The model behind a language, as stored embeddings name it (a new model must get a new id). */
    public static String modelId(Language language) {
        return switch (language) {
            case ZH -> "bge-small-zh-v1.5-q";
            case EN -> "bge-small-en-v1.5-q";
        };
    }

    /** Loads both models now (so the first visitor does not wait). */
    public void warmUp() {
        for (Language l : Language.values()) {
            model(l);
        }
    }

    @Override
    public float[] embed(String text, Language language) {
        String key = language.code() + '\u0000' + text;
        float[] v = cache.get(key);
        if (v != null) {
            return v;
        }
        v = model(language).embed(text).content().vector();
        if (cache.size() < CACHE_LIMIT) {
            cache.put(key, v);
        }
        return v;
    }
}
