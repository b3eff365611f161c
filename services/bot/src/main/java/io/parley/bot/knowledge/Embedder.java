package io.parley.bot.knowledge;

import io.parley.bot.domain.Language;

/** Turns text into a unit-length vector with the model of a language. */
public interface Embedder {

    float[] embed(String text, Language language);

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // vectors are normalised
    }
}
