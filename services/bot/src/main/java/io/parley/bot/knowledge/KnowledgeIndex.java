package io.parley.bot.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.bot.domain.Article;
import io.parley.bot.domain.Language;

/**
 * Hybrid retrieval over one bot's articles: embeddings (semantic) plus idf-weighted token overlap (lexical).
 * Immutable: a reload builds a new index.
 */
public final class KnowledgeIndex {

    /** Weight of the semantic score in the combined score; the rest is lexical. */
    public static final double SEMANTIC_WEIGHT = 0.7;

    private record Entry(Article article, List<float[]> vectors, Set<String> tokens) {
    }

    private final Embedder embedder;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Double> idf = new HashMap<>();
    private final Set<Language> languages = new HashSet<>();

    public KnowledgeIndex(Embedder embedder, Collection<Article> articles) {
        this.embedder = embedder;
        Map<String, Integer> df = new HashMap<>();
        Map<Language, List<String>> texts = new HashMap<>();
        for (Article a : articles) {
            List<String> own = texts.computeIfAbsent(a.language(), l -> new ArrayList<>());
            own.add(a.title());
            own.addAll(a.questions());
            own.add(a.title() + "\n" + a.plainBody());
        }
        texts.forEach(embedder::prefetch);
        for (Article a : articles) {
            List<float[]> vectors = new ArrayList<>();
            vectors.add(embedder.embed(a.title(), a.language()));
            for (String q : a.questions()) {
                vectors.add(embedder.embed(q, a.language()));
            }
            vectors.add(embedder.embed(a.title() + "\n" + a.plainBody(), a.language()));
            Set<String> tokens = new HashSet<>(Tokens.of(a.title() + " " + String.join(" ", a.questions()) + " "
                    + String.join(" ", a.tags()) + " " + a.plainBody()));
            for (String t : tokens) {
                df.merge(t, 1, Integer::sum);
            }
            entries.add(new Entry(a, vectors, tokens));
            languages.add(a.language());
        }
        int n = Math.max(1, entries.size());
        df.forEach((t, c) -> idf.put(t, Math.log(1 + (double) n / c)));
    }

    public int size() {
        return entries.size();
    }

    /** The best {@code k} articles, best first. Articles in the question's language are preferred when there are any. */
    public List<Hit> search(String question, Language language, int k) {
        Language target = languages.contains(language) ? language : null;
        Map<Language, float[]> queryVectors = new HashMap<>();
        List<String> qTokens = Tokens.of(question);
        double unknownIdf = Math.log(1 + Math.max(1, entries.size()));
        double qWeight = 0;
        for (String t : new HashSet<>(qTokens)) {
            qWeight += idf.getOrDefault(t, unknownIdf);
        }
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            if (target != null && e.article().language() != target) {
                continue;
            }
            float[] qv = queryVectors.computeIfAbsent(e.article().language(), l -> embedder.embed(question, l));
            double semantic = 0;
            for (float[] v : e.vectors()) {
                semantic = Math.max(semantic, Embedder.cosine(qv, v));
            }
            double matched = 0;
            for (String t : new HashSet<>(qTokens)) {
                if (e.tokens().contains(t)) {
                    matched += idf.getOrDefault(t, unknownIdf);
                }
            }
            double lexical = qWeight == 0 ? 0 : matched / qWeight;
            double score = SEMANTIC_WEIGHT * Math.max(0, semantic) + (1 - SEMANTIC_WEIGHT) * lexical;
            hits.add(new Hit(e.article(), score, semantic, lexical));
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.size() > k ? List.copyOf(hits.subList(0, k)) : List.copyOf(hits);
    }
}
