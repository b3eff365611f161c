package io.parley.gateway.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.model.Participant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One conversation as the console's inbox lists it (docs/openapi.yaml, {@code GET /api/v1/conversations}): enough
 * to draw the row (who, status, last message, unread count) without reading the conversation.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InboxItem(String id, String status, String channel, String groupId, int priority, Agent assignee,
        Visitor visitor, List<String> tags, LastMessage lastMessage, int unread, OffsetDateTime lastActivityAt,
        OffsetDateTime createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Queue queue,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer csat) {

    /** The assignee, with the name of their profile (null when none is set). */
    @Schema(name = "InboxAgent")
    public record Agent(String id, String name) {
    }

    /** The visitor: name as stored, verified when the tenant's back end vouched for the id. */
    @Schema(name = "InboxVisitor")
    public record Visitor(String id, String name, boolean verified) {
    }

    /** The newest message: who sent it, its text cut to {@link InboxList#PREVIEW_CHARS}, how many attachments. */
    public record LastMessage(long seq, Participant sender, String text, int attachments, OffsetDateTime at) {
    }

    /** Only while queued: place in its group's queue (1 = next) and seconds waited so far. */
    @Schema(name = "QueuePlace")
    public record Queue(int position, long waitingSec) {
    }

    /** A page of the list; {@code next} continues it (null on the last page). */
    @Schema(name = "InboxPage")
    public record Page(List<InboxItem> conversations, String next) {
    }
}
