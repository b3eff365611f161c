package io.parley.bot.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-conversation bot states keyed by bot and conversation id, dropped after {@code ttlMs} idle. */
final class ConversationStates {

    private final Map<String, ConversationState> states = new ConcurrentHashMap<>();
    private final long ttlMs;

    ConversationStates(long ttlMs) {
        this.ttlMs = ttlMs;
    }

    ConversationState get(String botId, String conversationId) {
        return states.computeIfAbsent(botId + "/" + conversationId, k -> new ConversationState());
    }

    /** The state if there is one (never creates it). */
    ConversationState find(String botId, String conversationId) {
        return states.get(botId + "/" + conversationId);
    }

    int size() {
        return states.size();
    }

    void expire() {
        long cutoff = System.currentTimeMillis() - ttlMs;
        states.values().removeIf(s -> s.lastTouched() < cutoff);
    }
}
