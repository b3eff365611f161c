package io.parley.common.event;

import java.util.List;

/**
 * A ticket was created, changed, or got a reply or note: on {@link io.parley.common.Topics#TICKETS}, keyed by
 * ticket id, after the change is committed. Carries the ticket's state after the change, so a consumer needs
 * no read-back.
 *
 * @param kind    {@code created}, {@code updated}, {@code reply} or {@code note}
 * @param actorId the agent who made the change
 * @param ts      epoch ms of the change
 */
public record TicketChanged(String tenant, long ticketId, String kind, String conversationId, String status,
        String priority, String assigneeId, String groupId, List<String> tags, String actorId, long ts) {
}
