package io.parley.bot.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-conversation bot states keyed by bot and conversation id, in memory, dropped after {@code ttlMs} idle. */
public final class ConversationMemory {

    private final Map<String, ConversationState> states = new ConcurrentHashMap<>();
    private final long ttlMs;

    ConversationMemory(long ttlMs) {
        this.ttlMs = ttlMs;
    }

    public ConversationState get(String botId, String conversationId) {
        return states.computeIfAbsent(botId + "/" + conversationId, k -> new ConversationState());
    }

    /** The state if there is one (never creates it). */
    public ConversationState find(String botId, String conversationId) {
        return states.get(botId + "/" + conversationId);
    }

    public int size() {
        return states.size();
    }

    void expire() {
        long cutoff = System.currentTimeMillis() - ttlMs;
        states.values().removeIf(s -> s.lastTouched() < cutoff);
    }
}
