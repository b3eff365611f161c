package io.parley.gateway.ticket;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A ticket as the tickets API shows it (docs/tickets.md). */
public record TicketView(long id, String conversationId, String subject, String requesterId, String requesterName,
        String requesterEmail, String status, String priority, String assigneeId, String groupId, List<String> tags,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** An entry of the thread and history. */
    public record Entry(long id, String kind, String authorKind, String authorId, String body,
            Map<String, Object> change, OffsetDateTime createdAt) {
    }

    /** A ticket with its entries, oldest first. */
    public record WithHistory(TicketView ticket, List<Entry> entries) {
    }

    /** A page of a list; {@code next} continues it (null on the last page). */
    public record Page(List<TicketView> tickets, String next) {
    }
}
