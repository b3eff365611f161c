package io.parley.gateway.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.model.Handoff;
import io.parley.common.model.VisitorProfile;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One conversation as the console's sidebar shows it ({@code GET /api/v1/conversations/{id}}): its state, the visitor
 * with their attributes, the bot's handover, tags and rating; what the socket's {@code conversation} frame carries
 * plus what a console opened later needs.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConversationDetails(String id, String status, String channel, String groupId, int priority,
        InboxItem.Agent assignee, VisitorProfile visitor, Handoff handoff, List<String> unmatchedSkills,
        List<String> tags, Csat csat, long lastSeq, OffsetDateTime createdAt, OffsetDateTime firstResponseAt,
        OffsetDateTime closedAt, List<Past> pastConversations, List<TicketRef> tickets) {

    /** Another conversation of the same visitor (newest first, at most 10), with its rating if any. */
    @Schema(name = "PastConversation")
    public record Past(String id, String status, OffsetDateTime createdAt, OffsetDateTime lastActivityAt, Integer csat) {
    }

    /** A ticket of one of the visitor's conversations (newest first, at most 10). */
    public record TicketRef(long id, String subject, String status, String conversationId, OffsetDateTime createdAt) {
    }

    /** The visitor's rating, once given. */
    @Schema(name = "ConversationCsat")
    public record Csat(int score, String comment, OffsetDateTime at) {
    }
}
