package io.parley.bot.domain;

import java.util.List;

/**
 * The structured decision to hand a conversation to a human: what routing needs to queue it well.
 *
 * @param intents knowledge-base tags of what the visitor is asking about
 * @param skills  routing skills derived from the intents ({@code handoff.skillsByTag} in bot.yaml)
 * @param summary a short summary for the agent who picks the conversation up
 */
public record HandoffDecision(HandoffReason reason, List<String> intents, List<String> skills, String summary) {
}
