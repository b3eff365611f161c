package io.parley.bot.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.bot.TestBots;
import io.parley.bot.domain.Language;
import io.parley.bot.domain.Sentiment;

/** The local sentiment baseline on a held-out, project-written test set of 100 messages (50 zh, 50 en). */
class SentimentAccuracyTest {

    @Test
    void accuracyOnTheHeldOutSet() throws Exception {
        List<SentimentClassifier.Example> test;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sentiment/test-set.tsv")) {
            test = SentimentClassifier.read(in);
        }
        assertEquals(100, test.size());
        SentimentClassifier classifier = TestBots.sentiment();
        Map<Language, int[]> perLanguage = new EnumMap<>(Language.class);
        int negTp = 0;
        int negFp = 0;
        int negFn = 0;
        StringBuilder misses = new StringBuilder();
        for (SentimentClassifier.Example e : test) {
            Sentiment s = classifier.classify(e.text(), e.language());
            int[] c = perLanguage.computeIfAbsent(e.language(), l -> new int[2]);
            c[1]++;
            if (s.label() == e.label()) {
                c[0]++;
            } else {
                misses.append("  ").append(e.label().code()).append(" -> ").append(s.label().code()).append(" (")
                        .append(s.score()).append("): ").append(e.text()).append('\n');
            }
            boolean predNeg = s.label() == Sentiment.Label.NEGATIVE;
            boolean isNeg = e.label() == Sentiment.Label.NEGATIVE;
            negTp += predNeg && isNeg ? 1 : 0;
            negFp += predNeg && !isNeg ? 1 : 0;
            negFn += !predNeg && isNeg ? 1 : 0;
        }
        int right = perLanguage.values().stream().mapToInt(c -> c[0]).sum();
        System.out.printf("sentiment accuracy: %d/100 (zh %d/%d, en %d/%d); negative precision %d/%d, recall %d/%d%n",
                right, perLanguage.get(Language.ZH)[0], perLanguage.get(Language.ZH)[1], perLanguage.get(Language.EN)[0],
                perLanguage.get(Language.EN)[1], negTp, negTp + negFp, negTp, negTp + negFn);
        System.out.print(misses);
        assertTrue(right >= 85, "sentiment accuracy below 85%: " + right + "/100\n" + misses);
    }
}
