package io.parley.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.parley.common.model.VisitorProfile;
import java.util.List;

/**
 * A conversation's status, assignee or place in the queue changed. Published on
 * {@link io.parley.common.Topics#CONVERSATIONS} and to the participants' Redis channels. {@code position} (1 =
 * next) and {@code etaSec} are set only while the conversation is queued; {@code handoff} when a bot handed the
 * conversation over; {@code unmatchedSkills} when it reached its agent without some requested skills (after they
 * relaxed); {@code visitor} on the agents' channel events. Gateways show the last three to agents only.
 * {@code createdAt} (epoch ms; 0 on queue places) lets a visitor's sockets agree on their newest conversation.
 */
public record ConversationChanged(String tenant, String conversationId, String visitorId, ConversationStatus status,
        Participant assignee, long lastSeq, long ts, Integer position, Integer etaSec,
        @JsonInclude(JsonInclude.Include.NON_NULL) Handoff handoff,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unmatchedSkills,
        @JsonInclude(JsonInclude.Include.NON_NULL) VisitorProfile visitor, long createdAt) {

    public ConversationChanged(String tenant, String conversationId, String visitorId, ConversationStatus status,
            Participant assignee, long lastSeq, long ts, Integer position, Integer etaSec) {
        this(tenant, conversationId, visitorId, status, assignee, lastSeq, ts, position, etaSec, null, null, null, 0);
    }

    public ConversationChanged(String tenant, String conversationId, String visitorId, ConversationStatus status,
            Participant assignee, long lastSeq, long ts) {
        this(tenant, conversationId, visitorId, status, assignee, lastSeq, ts, null, null);
    }

    /** The same change with a queue place (the frame is then as recent as the place). */
    public ConversationChanged withPlace(ConversationChanged place) {
        return new ConversationChanged(tenant, conversationId, visitorId, status, assignee, lastSeq, place.ts(),
                place.position(), place.etaSec(), handoff, unmatchedSkills, visitor, createdAt);
    }

    /** The same change as agents see it, with the visitor's profile. */
    public ConversationChanged withVisitor(VisitorProfile profile) {
        return new ConversationChanged(tenant, conversationId, visitorId, status, assignee, lastSeq, ts, position,
                etaSec, handoff, unmatchedSkills, profile, createdAt);
    }
}
