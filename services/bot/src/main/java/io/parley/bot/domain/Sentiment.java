package io.parley.bot.domain;

/**
 * Sentiment of one visitor message.
 *
 * @param score in [-1, 1]: negative below 0, positive above
 */
public record Sentiment(Label label, double score) {

    public enum Label {
        POSITIVE, NEUTRAL, NEGATIVE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Sentiment NEUTRAL = new Sentiment(Label.NEUTRAL, 0);

    public boolean negative() {
        return label == Label.NEGATIVE;
    }
}
