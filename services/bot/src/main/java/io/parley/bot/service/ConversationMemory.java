package io.parley.bot.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.bot.config.BotServiceConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Per-conversation bot state, in memory, dropped after {@code parley.bot.conversation-ttl} idle. */
@ApplicationScoped
public class ConversationMemory {

    private final Map<String, ConversationState> states = new ConcurrentHashMap<>();
    private final long ttlMs;

    public ConversationMemory(BotServiceConfig config) {
        this.ttlMs = config.conversationTtl().toMillis();
    }

    public ConversationState get(String botId, String conversationId) {
        return states.computeIfAbsent(botId + "/" + conversationId, k -> new ConversationState());
    }

    public int size() {
        return states.size();
    }

    @Scheduled(every = "10m", delayed = "10m")
    void expire() {
        long cutoff = System.currentTimeMillis() - ttlMs;
        states.values().removeIf(s -> s.lastTouched() < cutoff);
    }
}
