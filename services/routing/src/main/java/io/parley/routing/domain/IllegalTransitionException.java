package io.parley.routing.domain;

import io.parley.common.model.ConversationStatus;

/** An action that the conversation's current status does not allow; nothing is changed. */
public class IllegalTransitionException extends RuntimeException {
    private final ConversationStatus from;
    private final ConversationAction action;

    public IllegalTransitionException(ConversationStatus from, ConversationAction action) {
        super("cannot " + action.wire().replace('_', ' ') + " a conversation that is " + from.wire());
        this.from = from;
        this.action = action;
    }

    public ConversationStatus from() {
        return from;
    }

    public ConversationAction action() {
        return action;
    }
}
