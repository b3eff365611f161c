package io.parley.bot.service;

import io.parley.bot.config.BotServiceConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-conversation bot state of live conversations (the Kafka listener's), in memory, dropped after
 * {@code parley.bot.conversation-ttl} idle. Test replies of the REST API never see it: {@link TestReplyMemory}.
 */
@ApplicationScoped
public class ConversationMemory {

    private final ConversationStates states;

    public ConversationMemory(BotServiceConfig config) {
        this.states = new ConversationStates(config.conversationTtl().toMillis());
    }

    public ConversationState get(String botId, String conversationId) {
        return states.get(botId, conversationId);
    }

    /** The conversation's state if the bot has one (never creates it). */
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
