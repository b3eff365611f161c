package io.parley.bot.service;

import io.parley.bot.config.BotServiceConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The memory of test replies ({@code POST /api/v1/bots/{id}/reply}): kept apart from {@link ConversationMemory}, so
 * a test reply naming a live conversation's id neither reads nor changes that conversation's state. Same expiry.
 */
@ApplicationScoped
public class TestReplyMemory {

    private final ConversationStates states;

    public TestReplyMemory(BotServiceConfig config) {
        this.states = new ConversationStates(config.conversationTtl().toMillis());
    }

    public ConversationState get(String botId, String conversationId) {
        return states.get(botId, conversationId);
    }

    /** The test conversation's state if there is one (never creates it). */
    public ConversationState find(String botId, String conversationId) {
        return states.find(botId, conversationId);
    }

    public int size() {
        return states.size();
    }

    @Scheduled(every = "10m", delayed = "10m")
    void expire() {
        states.expire();
    }
}
