package io.parley.common.model;

import java.util.List;

/**
 * Why and with what a bot handed a conversation to the team: the reason code (e.g. {@code requested},
 * {@code low_confidence}, {@code negative_sentiment}), the intents it recognised, the skills routing should look
 * for, and a short summary for the agent who takes over. Carried by the bot's last message, stored on the
 * conversation and shown to agents (never to the visitor).
 */
public record Handoff(String reason, List<String> intents, List<String> skills, String summary) {

    public Handoff {
        intents = intents == null ? List.of() : List.copyOf(intents);
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
