package io.parley.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Conversation states as they appear on the wire and in the database. */
public enum ConversationStatus {
    OPEN, QUEUED, ASSIGNED, BOT, CLOSED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static ConversationStatus fromWire(String value) {
        return ConversationStatus.valueOf(value.toUpperCase());
    }
}
