package io.parley.common.event;

import io.parley.common.model.Participant;
import io.parley.common.wire.ConversationActionKind;

/**
 * An action on a conversation accepted by a gateway (socket frame or REST), on
 * {@link io.parley.common.Topics#COMMANDS} keyed by conversation id; routing applies it and answers with a
 * {@link CommandResult} on the actor's channel.
 *
 * @param supervisor the actor's token has role {@code supervisor} (may reassign and act on any conversation)
 * @param ref        the actor's correlation id, echoed in the result
 */
public record ConversationCommand(String tenant, String conversationId, Participant actor, boolean supervisor,
        ConversationActionKind action, String toAgent, String toGroup, String note, String ref, String gatewayId,
        long ts) {
}
