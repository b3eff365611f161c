package io.parley.common.event;

import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;

/**
 * Routing refused a send (unknown tenant or conversation, not a participant). Goes to the sender's channel only;
 * the gateway turns it into an {@code error} frame with {@code ref = clientMsgId}. Nothing was stored.
 */
public record SendRejected(String tenant, String conversationId, Participant sender, String clientMsgId,
        ErrorCode code, String reason) {
}
