package io.parley.bot.knowledge;

import io.parley.bot.domain.Language;
import java.util.Collection;

/** Turns text into a unit-length vector with the model of a language. */
public interface Embedder {

    float[] embed(String text, Language language);

    /**
     * Gets the vectors of many texts ready at once, before they are asked for one by one (an index being built).
     * A store-backed embedder reads them in one query and computes only the missing ones; the default does nothing.
     */
    default void prefetch(Language language, Collection<String> texts) {
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // vectors are normalised
    }
}
