package io.parley.bot.domain;

import java.util.Locale;

/** Why the bot hands a conversation to a human. */
public enum HandoffReason {
    /** The visitor asked for a human ("转人工", "human", ...). */
    REQUESTED,
    /** Retrieval confidence below the bot's threshold and no model to try. */
    LOW_CONFIDENCE,
    /** Several negative visitor messages in a row. */
    NEGATIVE_SENTIMENT,
    /** The model called the handoff tool. */
    MODEL_DECISION,
    /** The message contained a blocked word. */
    BLOCKED_CONTENT,
    /** The conversation used up its token budget. */
    BUDGET_EXHAUSTED,
    /** The model endpoint failed. */
    MODEL_ERROR,
    /** The model's answer repeated the system message (a prompt-injection sign); it was not sent. */
    UNSAFE_OUTPUT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HandoffReason fromCode(String code) {
        for (HandoffReason r : values()) {
            if (r.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }
}
