package io.parley.gateway.conversation;

import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.parley.common.model.VisitorProfile;
import io.parley.common.wire.ServerFrame;
import java.util.List;

/**
 * What a gateway needs to know of a conversation to authorise and route socket traffic; for an agent's own
 * conversations also what their {@code conversation} frames carry ({@code handoff}, {@code unmatchedSkills},
 * {@code visitor}; null and empty otherwise).
 */
public record ConversationView(String id, String tenant, String visitorId, ConversationStatus status,
        String assigneeId, long lastSeq, long createdAtMillis, Handoff handoff, List<String> unmatchedSkills,
        VisitorProfile visitor) {

    public ConversationView {
        unmatchedSkills = unmatchedSkills == null ? List.of() : List.copyOf(unmatchedSkills);
    }

    /** The conversation's current state as an agent's {@code conversation} frame. */
    public ServerFrame.Conversation frameForAgent() {
        return new ServerFrame.Conversation(id, status, assigneeId == null ? null : Participant.agent(assigneeId, null),
                null, null, handoff, unmatchedSkills, visitor);
    }
}
