package io.parley.common.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code action} of an {@code action} frame or REST call, as on the wire. */
public enum ConversationActionKind {
    /** Take a queued conversation (needs free capacity). */
    ACCEPT,
    /** Hand an assigned conversation to another agent ({@code toAgent}) or back to a group's queue ({@code toGroup}). */
    TRANSFER,
    CLOSE,
    REOPEN,
    /** Supervisors: give any live conversation to {@code toAgent}. */
    REASSIGN;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static ConversationActionKind fromWire(String value) {
        for (ConversationActionKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown action '" + value + "'");
    }
}
