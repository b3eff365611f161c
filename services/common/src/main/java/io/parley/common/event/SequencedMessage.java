package io.parley.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import java.util.List;

/**
 * A message stored by routing with its per-conversation sequence number. Published on
 * {@link io.parley.common.Topics#MESSAGES} and to the participants' Redis channels.
 *
 * @param ts         epoch ms when routing stored it
 * @param receivedAt epoch ms when the sending gateway read it (carried for latency metrics)
 * @param status     on {@link io.parley.common.Topics#MESSAGES} only: the conversation's status right after this
 *                   message was stored (the bot answers visitor messages stored while the status was {@code bot})
 * @param assigneeId on {@link io.parley.common.Topics#MESSAGES} only: the agent who had the conversation then
 *                   (the bot alerts them to a negative message)
 * @param parts      its attachments (empty when none; absent from the JSON then)
 */
public record SequencedMessage(String tenant, String conversationId, String id, long seq, String clientMsgId,
        Participant sender, String text, long ts, long receivedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) ConversationStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String assigneeId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MessagePart> parts) {

    public SequencedMessage {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public SequencedMessage(String tenant, String conversationId, String id, long seq, String clientMsgId,
            Participant sender, String text, long ts, long receivedAt, List<MessagePart> parts) {
        this(tenant, conversationId, id, seq, clientMsgId, sender, text, ts, receivedAt, null, null, parts);
    }

    public SequencedMessage(String tenant, String conversationId, String id, long seq, String clientMsgId,
            Participant sender, String text, long ts, long receivedAt) {
        this(tenant, conversationId, id, seq, clientMsgId, sender, text, ts, receivedAt, List.of());
    }

    /** As published on {@link io.parley.common.Topics#MESSAGES}: with the conversation's state after storing it. */
    public SequencedMessage withConversation(ConversationStatus newStatus, String newAssigneeId) {
        return new SequencedMessage(tenant, conversationId, id, seq, clientMsgId, sender, text, ts, receivedAt,
                newStatus, newAssigneeId, parts);
    }
}
