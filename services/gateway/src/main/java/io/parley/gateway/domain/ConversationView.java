package io.parley.gateway.domain;

import io.parley.common.model.ConversationStatus;

/** What a gateway needs to know of a conversation to authorise and route socket traffic. */
public record ConversationView(String id, String tenant, String visitorId, ConversationStatus status,
        String assigneeId, long lastSeq) {
}
