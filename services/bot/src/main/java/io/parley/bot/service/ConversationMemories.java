package io.parley.bot.service;

import io.parley.bot.config.BotServiceConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bot's two memories, both dropped after {@code parley.bot.conversation-ttl} idle: live conversations' (the Kafka
 * listener's), and test replies' ({@code POST /api/v1/bots/{id}/reply}), kept apart so a test reply naming a live
 * conversation's id neither reads nor changes that conversation's state.
 */
@ApplicationScoped
public class ConversationMemories {
    private final ConversationMemory live;
    private final ConversationMemory testReplies;

    public ConversationMemories(BotServiceConfig config) {
        this.live = new ConversationMemory(config.conversationTtl().toMillis());
        this.testReplies = new ConversationMemory(config.conversationTtl().toMillis());
    }

    public ConversationMemory live() {
        return live;
    }

    public ConversationMemory testReplies() {
        return testReplies;
    }

    @Scheduled(every = "10m", delayed = "10m")
    void expire() {
        live.expire();
        testReplies.expire();
    }
}
