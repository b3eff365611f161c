package io.parley.bot.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.parley.bot.domain.Language;
import io.parley.bot.domain.Sentiment;
import io.parley.bot.knowledge.Embedder;

/**
 * The local sentiment baseline, built on the embedding model and a labelled example set the project wrote
 * ({@code sentiment/examples.tsv}: {@code label TAB language TAB text}). Two views of the same examples are averaged:
 * k nearest neighbours by embedding similarity (meaning) and a naive Bayes model over words and Chinese character
 * pairs (cue words such as 差, 失望, terrible, which embeddings tend to drown in the topic of the message).
 */
public final class SentimentClassifier {

    public static final String EXAMPLES = "sentiment/examples.tsv";
    static final int K = 7;
    /** Share of the naive Bayes view in the final probabilities. */
    static final double BAYES_WEIGHT = 0.5;

    public record Example(Sentiment.Label label, Language language, String text) {
    }

    private record Vec(Sentiment.Label label, float[] vector) {
    }

    private final Embedder embedder;
    private final Map<Language, List<Vec>> examples = new EnumMap<>(Language.class);
    private final Map<Language, NaiveBayes> bayes = new EnumMap<>(Language.class);

    public SentimentClassifier(Embedder embedder, List<Example> labelled) {
        this.embedder = embedder;
        Map<Language, List<String>> texts = new EnumMap<>(Language.class);
        labelled.forEach(e -> texts.computeIfAbsent(e.language(), l -> new ArrayList<>()).add(e.text()));
        texts.forEach(embedder::prefetch); // one read of the stored vectors instead of the model per example
        for (Example e : labelled) {
            examples.computeIfAbsent(e.language(), l -> new ArrayList<>())
                    .add(new Vec(e.label(), embedder.embed(e.text(), e.language())));
            bayes.computeIfAbsent(e.language(), l -> new NaiveBayes()).add(e.label(), features(e.text()));
        }
    }

    /** Words (lower-cased, all kept: "not" matters here) and Chinese characters and character pairs. */
    static List<String> features(String text) {
        return io.parley.bot.knowledge.Tokens.all(text);
    }

    /** Multinomial naive Bayes with add-one smoothing. */
    static final class NaiveBayes {
        private final Map<Sentiment.Label, Map<String, Integer>> counts = new EnumMap<>(Sentiment.Label.class);
        private final Map<Sentiment.Label, Integer> totals = new EnumMap<>(Sentiment.Label.class);
        private final Map<Sentiment.Label, Integer> docs = new EnumMap<>(Sentiment.Label.class);
        private final java.util.Set<String> vocabulary = new java.util.HashSet<>();

        void add(Sentiment.Label label, List<String> features) {
            Map<String, Integer> c = counts.computeIfAbsent(label, l -> new java.util.HashMap<>());
            for (String f : features) {
                c.merge(f, 1, Integer::sum);
                vocabulary.add(f);
            }
            totals.merge(label, features.size(), Integer::sum);
            docs.merge(label, 1, Integer::sum);
        }

        Map<Sentiment.Label, Double> probabilities(List<String> features) {
            Map<Sentiment.Label, Double> logp = new EnumMap<>(Sentiment.Label.class);
            int allDocs = docs.values().stream().mapToInt(Integer::intValue).sum();
            double max = Double.NEGATIVE_INFINITY;
            for (Sentiment.Label label : counts.keySet()) {
                double lp = Math.log((double) docs.get(label) / allDocs);
                Map<String, Integer> c = counts.get(label);
                double denominator = totals.get(label) + vocabulary.size();
                for (String f : features) {
                    if (vocabulary.contains(f)) {
                        lp += Math.log((c.getOrDefault(f, 0) + 1) / denominator);
                    }
                }
                logp.put(label, lp);
                max = Math.max(max, lp);
            }
            double sum = 0;
            for (Map.Entry<Sentiment.Label, Double> e : logp.entrySet()) {
                e.setValue(Math.exp(e.getValue() - max));
                sum += e.getValue();
            }
            for (Map.Entry<Sentiment.Label, Double> e : logp.entrySet()) {
                e.setValue(e.getValue() / sum);
            }
            return logp;
        }
    }

    public static SentimentClassifier fromClasspath(Embedder embedder) {
        try (InputStream in = SentimentClassifier.class.getClassLoader().getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                throw new IllegalStateException(EXAMPLES + " missing from the classpath");
            }
            return new SentimentClassifier(embedder, read(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code label TAB language TAB text} lines; '#' starts a comment line. */
    public static List<Example> read(InputStream in) throws IOException {
        List<Example> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 3);
            if (parts.length != 3) {
                throw new IOException("line " + n + ": expected label<TAB>language<TAB>text");
            }
            out.add(new Example(Sentiment.Label.valueOf(parts[0].strip().toUpperCase()), Language.fromCode(parts[1]),
                    parts[2].strip()));
        }
        return out;
    }

    public Sentiment classify(String text, Language language) {
        List<Vec> set = examples.get(language);
        if (set == null || set.isEmpty()) {
            return Sentiment.NEUTRAL;
        }
        float[] q = embedder.embed(text, language);
        record Scored(Sentiment.Label label, double sim) {
        }
        List<Scored> scored = new ArrayList<>(set.size());
        for (Vec v : set) {
            scored.add(new Scored(v.label(), Embedder.cosine(q, v.vector())));
        }
        scored.sort(Comparator.comparingDouble(Scored::sim).reversed());
        Map<Sentiment.Label, Double> votes = new EnumMap<>(Sentiment.Label.class);
        double total = 0;
        for (int i = 0; i < Math.min(K, scored.size()); i++) {
            // Sharpen: near neighbours count much more than far ones.
            double w = Math.exp(20 * (scored.get(i).sim() - scored.get(0).sim()));
            votes.merge(scored.get(i).label(), w, Double::sum);
            total += w;
        }
        Map<Sentiment.Label, Double> nb = bayes.get(language).probabilities(features(text));
        Map<Sentiment.Label, Double> p = new EnumMap<>(Sentiment.Label.class);
        for (Sentiment.Label label : Sentiment.Label.values()) {
            p.put(label, (1 - BAYES_WEIGHT) * votes.getOrDefault(label, 0.0) / total
                    + BAYES_WEIGHT * nb.getOrDefault(label, 0.0));
        }
        Sentiment.Label best = Sentiment.Label.NEUTRAL;
        double bestP = -1;
        for (Map.Entry<Sentiment.Label, Double> e : p.entrySet()) {
            if (e.getValue() > bestP) {
                best = e.getKey();
                bestP = e.getValue();
            }
        }
        double score = p.get(Sentiment.Label.POSITIVE) - p.get(Sentiment.Label.NEGATIVE);
        return new Sentiment(best, Math.round(score * 1000) / 1000.0);
    }
}
