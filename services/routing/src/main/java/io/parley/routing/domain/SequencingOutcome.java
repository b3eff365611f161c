package io.parley.routing.domain;

import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;

/** What the sequencer did with one inbound send. */
public sealed interface SequencingOutcome {

    /**
     * The message is durable. {@code duplicate} means it was stored earlier under the same clientMsgId and is
     * re-published unchanged; {@code opened} means this send created the conversation.
     */
    record Stored(SequencedMessage message, ConversationRow conversation, boolean opened, boolean duplicate)
            implements SequencingOutcome {
    }

    /** Refused; nothing was stored. */
    record Rejected(SendRejected rejection) implements SequencingOutcome {
    }
}
