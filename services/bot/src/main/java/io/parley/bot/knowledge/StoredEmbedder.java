package io.parley.bot.knowledge;

import io.parley.bot.domain.Language;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Knowledge vectors computed once and kept in an {@link EmbeddingStore} (PostgreSQL in the service), so a restart
 * or a second bot process loads an index in one query per language instead of re-running the model over every
 * article. Visitors' questions are not stored: they go straight to the computing embedder. A store that fails is
 * logged and bypassed; the bot then computes, as it would without one.
 */
public final class StoredEmbedder implements Embedder {
    private static final Logger LOG = Logger.getLogger(StoredEmbedder.class);

    private final Embedder computing;
    private final EmbeddingStore store;
    private final Function<Language, String> modelId;
    private final Map<String, float[]> ready = new ConcurrentHashMap<>();
    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong computed = new AtomicLong();

    public StoredEmbedder(Embedder computing, EmbeddingStore store, Function<Language, String> modelId) {
        this.computing = computing;
        this.store = store;
        this.modelId = modelId;
    }

    @Override
    public float[] embed(String text, Language language) {
        float[] v = ready.get(key(language, text));
        return v != null ? v : computing.embed(text, language);
    }

    @Override
    public void prefetch(Language language, Collection<String> texts) {
        Map<String, String> missing = new LinkedHashMap<>(); // hash -> text
        for (String text : texts) {
            if (!ready.containsKey(key(language, text))) {
                missing.put(sha256(text), text);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String model = modelId.apply(language);
        Map<String, float[]> found = Map.of();
        try {
            found = store.find(model, missing.keySet());
        } catch (RuntimeException e) {
            LOG.warnf("stored embeddings unavailable, computing them: %s", e.getMessage());
        }
        Map<String, float[]> fresh = new LinkedHashMap<>();
        for (var entry : missing.entrySet()) {
            String hash = entry.getKey();
            String text = entry.getValue();
            float[] v = found.get(hash);
            if (v != null) {
                loaded.incrementAndGet();
            } else {
                v = computing.embed(text, language);
                computed.incrementAndGet();
                fresh.put(hash, v);
            }
            ready.put(key(language, text), v);
        }
        if (!fresh.isEmpty()) {
            try {
                store.save(model, fresh);
            } catch (RuntimeException e) {
                LOG.warnf("%d new embeddings not stored (computed again at the next load): %s", fresh.size(),
                        e.getMessage());
            }
        }
    }

    /** Vectors read from the store so far. */
    public long loadedCount() {
        return loaded.get();
    }

    /** Vectors the model had to compute during prefetches so far. */
    public long computedCount() {
        return computed.get();
    }

    private static String key(Language language, String text) {
        return language.code() + '\u0000' + text;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
