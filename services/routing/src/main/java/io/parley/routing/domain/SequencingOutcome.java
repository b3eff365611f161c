package io.parley.routing.domain;

import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.Handoff;

/** What the sequencer did with one inbound send. */
public sealed interface SequencingOutcome {

    /**
     * The message is durable. {@code duplicate} means it was stored earlier under the same clientMsgId and is
     * re-published unchanged; {@code opened} means this send created the conversation; {@code handoff} is set when
     * the send was a bot's handing the conversation to the team (applied once the message is published).
     */
    record Stored(SequencedMessage message, ConversationRow conversation, boolean opened, boolean duplicate,
            Handoff handoff) implements SequencingOutcome {

        public Stored(SequencedMessage message, ConversationRow conversation, boolean opened, boolean duplicate) {
            this(message, conversation, opened, duplicate, null);
        }
    }

    /** Refused; nothing was stored. */
    record Rejected(SendRejected rejection) implements SequencingOutcome {
    }
}
