package io.parley.gateway.delivery;

import io.parley.common.event.ChannelEvent;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.parley.common.model.Participant;
import io.parley.gateway.inbox.ReadPositions;
import io.parley.gateway.session.ConversationAccess;
import io.parley.gateway.session.Session;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Typing and read receipts: published straight to the conversation's visitor and assignee channels (they pass no
 * Kafka). Only for a conversation the sender may use. An agent's read position is also kept, for the inbox's unread
 * counts ({@link ReadPositions}); nothing else is stored.
 */
@ApplicationScoped
public class EphemeralEvents {
    private final ConversationAccess access;
    private final ConversationChannels channels;
    private final ReadPositions readPositions;

    public EphemeralEvents(ConversationAccess access, ConversationChannels channels, ReadPositions readPositions) {
        this.access = access;
        this.channels = channels;
        this.readPositions = readPositions;
    }

    public void typing(Session session, String conversationId, boolean on) {
        publish(session, conversationId, ChannelEvent.of(new ServerFrame.Typing(conversationId, session.me(),
                on ? "on" : "off")));
    }

    public void read(Session session, String conversationId, long seq) {
        publish(session, conversationId, ChannelEvent.of(new ServerFrame.Read(conversationId, session.me(), seq)));
    }

    private void publish(Session session, String conversationId, ChannelEvent event) {
        access.find(session, conversationId).subscribe().with(view -> {
            if (view == null) {
                session.write(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no such conversation", null));
                return;
            }
            channels.publish(session.tenant(), view.visitorId(), view.assigneeId(), event);
            if (event instanceof ChannelEvent.Read read && session.me().kind() == Participant.Kind.AGENT) {
                readPositions.raise(conversationId, session.me().id(), Math.min(read.read().seq(), view.lastSeq()))
                        .subscribe().with(done -> {
                        }, failure -> session.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                                "storage unavailable", null)));
            }
        }, failure -> session.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "storage unavailable", null)));
    }
}
