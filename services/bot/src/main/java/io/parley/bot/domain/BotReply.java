package io.parley.bot.domain;

import java.util.List;

/**
 * What the bot does with one visitor message. A typed result, never a magic token in text:
 * an {@link Answer}, a {@link Handoff}, or {@link Blocked}.
 */
public sealed interface BotReply {

    /** {@code answer}, {@code handoff} or {@code blocked}. */
    default String kind() {
        return switch (this) {
            case Answer a -> "answer";
            case Handoff h -> "handoff";
            case Blocked b -> "blocked";
        };
    }

    /** Sentiment of the visitor message this reply is for. */
    Sentiment sentiment();

    Language language();

    /** The text sent to the visitor. */
    String text();

    /**
     * The bot answers.
     *
     * @param source     {@code llm} or {@code article}
     * @param articles   ids of the passages used, best first
     * @param followUps  titles of related articles offered as follow-ups
     * @param confidence retrieval confidence in [0, 1]
     */
    record Answer(String text, Source source, List<String> articles, List<String> followUps, double confidence,
            Sentiment sentiment, Language language) implements BotReply {
    }

    /**
     * The bot hands over; {@code text} tells the visitor what happens next.
     *
     * @param articles ids of the best retrieved articles (for the agent), best first; empty when not searched
     */
    record Handoff(String text, HandoffDecision decision, List<String> articles, double confidence,
            Sentiment sentiment, Language language)
            implements BotReply {
    }

    /** The message contained a blocked word: the bot does not process it and says so. */
    record Blocked(String text, Sentiment sentiment, Language language) implements BotReply {
    }

    enum Source {
        LLM, ARTICLE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
