package io.parley.routing;

import io.parley.common.event.ChannelEvent;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;

/** What a channel event carries, or null when it is another kind: for tests reading participants' channels. */
public final class ChannelEvents {
    private ChannelEvents() {
    }

    public static ConversationChanged conversation(ChannelEvent event) {
        return event instanceof ChannelEvent.Conversation c ? c.conversation() : null;
    }

    public static SequencedMessage message(ChannelEvent event) {
        return event instanceof ChannelEvent.Message m ? m.message() : null;
    }

    public static SendRejected rejected(ChannelEvent event) {
        return event instanceof ChannelEvent.Rejected r ? r.rejected() : null;
    }

    public static CommandResult result(ChannelEvent event) {
        return event instanceof ChannelEvent.Result r ? r.result() : null;
    }
}
