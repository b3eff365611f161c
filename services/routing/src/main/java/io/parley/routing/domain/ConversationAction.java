package io.parley.routing.domain;

/** Everything that can change a conversation's status; {@link ConversationStateMachine} says where it leads. */
public enum ConversationAction {
    /** The bot takes a new conversation (tenants with a bot). */
    START_BOT,
    /** Needs a human: a new conversation without a bot, or the bot hands over. Waits in a group's queue. */
    ENQUEUE,
    /** The router, or an agent claiming from the queue, gives it to an agent. */
    ASSIGN,
    /** The assigned agent hands it to another agent directly. */
    TRANSFER_TO_AGENT,
    /** The assigned agent sends it back to a group's queue. */
    TRANSFER_TO_GROUP,
    /** A supervisor moves it to an agent of their choice, whoever holds it now. */
    REASSIGN,
    CLOSE,
    /** A closed conversation comes back (an agent reopens it, or the visitor writes again): it waits again. */
    REOPEN;

    public String wire() {
        return name().toLowerCase();
    }
}
