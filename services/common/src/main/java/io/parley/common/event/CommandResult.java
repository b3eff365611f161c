package io.parley.common.event;

import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;

/**
 * Routing's answer to a {@link ConversationCommand}, on the actor's Redis channel: either applied (then
 * {@code status}/{@code assignee} are the conversation's new state) or refused with {@code code} and a
 * human-readable {@code message}, in which case nothing changed.
 */
public record CommandResult(String tenant, String conversationId, Participant actor, String ref, boolean applied,
        ErrorCode code, String message, ConversationStatus status, Participant assignee) {

    public static CommandResult applied(ConversationCommand command, ConversationStatus status, Participant assignee) {
        return new CommandResult(command.tenant(), command.conversationId(), command.actor(), command.ref(), true,
                null, null, status, assignee);
    }

    public static CommandResult refused(ConversationCommand command, ErrorCode code, String message) {
        return new CommandResult(command.tenant(), command.conversationId(), command.actor(), command.ref(), false,
                code, message, null, null);
    }
}
