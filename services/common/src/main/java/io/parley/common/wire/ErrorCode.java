package io.parley.common.wire;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code code} of an {@code error} frame. */
public enum ErrorCode {
    BAD_FRAME, TOO_LARGE, RATE_LIMITED, FORBIDDEN, NOT_FOUND, UNAVAILABLE,
    /** The conversation's status does not allow the action (e.g. transferring a closed conversation). */
    INVALID_STATE,
    /** The agent an action needs is offline or has no free capacity. */
    AGENT_UNAVAILABLE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
