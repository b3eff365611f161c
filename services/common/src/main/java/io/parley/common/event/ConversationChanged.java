package io.parley.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;

/**
 * A conversation's status, assignee or place in the queue changed. Published on
 * {@link io.parley.common.Topics#CONVERSATIONS} and to the participants' Redis channels. {@code position} (1 =
 * next) and {@code etaSec} are set only while the conversation is queued; {@code handoff} when a bot handed the
 * conversation over (gateways show it to agents only).
 */
public record ConversationChanged(String tenant, String conversationId, String visitorId, ConversationStatus status,
        Participant assignee, long lastSeq, long ts, Integer position, Integer etaSec,
        @JsonInclude(JsonInclude.Include.NON_NULL) Handoff handoff) {

    public ConversationChanged(String tenant, String conversationId, String visitorId, ConversationStatus status,
            Participant assignee, long lastSeq, long ts, Integer position, Integer etaSec) {
        this(tenant, conversationId, visitorId, status, assignee, lastSeq, ts, position, etaSec, null);
    }

    public ConversationChanged(String tenant, String conversationId, String visitorId, ConversationStatus status,
            Participant assignee, long lastSeq, long ts) {
        this(tenant, conversationId, visitorId, status, assignee, lastSeq, ts, null, null);
    }
}
