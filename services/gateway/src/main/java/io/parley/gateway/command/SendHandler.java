package io.parley.gateway.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.Ids;
import io.parley.common.event.InboundMessage;
import io.parley.common.model.MessagePart;
import io.parley.common.wire.ClientFrame;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.attachment.AttachmentStore;
import io.parley.gateway.session.AckTracker;
import io.parley.gateway.session.ConversationAccess;
import io.parley.gateway.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A {@code send} frame becomes an {@link InboundMessage} on the inbound topic, and the socket waits for the message
 * to come back sequenced (its ack). A visitor's send without {@code conversationId} goes to their open
 * conversation, or opens exactly one: its id is derived from the visitor's newest conversation, so every send of
 * a burst, on every socket of the visitor, opens the same one (docs/protocol.md).
 */
@ApplicationScoped
public class SendHandler {
    private final InboundPublisher publisher;
    private final ConversationAccess access;
    private final AckTracker acks;
    private final CommandGateway commands;
    private final AttachmentStore attachments;
    private final Counter received;

    public SendHandler(InboundPublisher publisher, ConversationAccess access, AckTracker acks, CommandGateway commands,
            AttachmentStore attachments, MeterRegistry registry) {
        this.attachments = attachments;
        this.publisher = publisher;
        this.access = access;
        this.acks = acks;
        this.commands = commands;
        this.received = registry.counter("parley_messages_received_total");
    }

    public void send(Session session, ClientFrame.Send send) {
        if (!session.takeToken()) {
            session.write(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "too many messages; slow down",
                    send.clientMsgId()));
            return;
        }
        received.increment();
        String conversationId = send.conversationId();
        if (conversationId == null && session.isAgent()) {
            session.write(new ServerFrame.Error(ErrorCode.BAD_FRAME, "agents must name 'conversationId'",
                    send.clientMsgId()));
            return;
        }
        if (conversationId == null) {
            conversationId = openOrNew(session);
        }
        String conversation = conversationId;
        // Sends to a conversation this socket is opening carry what opens it, until routing confirms it exists.
        boolean opens = session.visitorConversations().isOpening(conversation);
        Uni<Boolean> permitted = opens ? Uni.createFrom().item(true) : access.mayUse(session, conversation);
        permitted.chain(ok -> !ok ? Uni.createFrom().<List<MessagePart>>nullItem()
                : attachments.bind(session.tenant(), session.me(), conversation, send.attachments()))
                .subscribe().with(parts -> {
                    if (parts == null) { // not theirs, or not this conversation's: both look absent
                        session.write(new ServerFrame.Error(ErrorCode.NOT_FOUND, send.attachments().isEmpty()
                                ? "no such conversation" : "no such conversation or attachment", send.clientMsgId()));
                        return;
                    }
                    publish(session, send, conversation, opens, parts);
                }, failure -> session.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "storage unavailable",
                        send.clientMsgId())));
    }

    private void publish(Session session, ClientFrame.Send send, String conversation, boolean opens,
            List<MessagePart> parts) {
        session.pending().expectAck(conversation, send.clientMsgId(), acks.deadline());
        publisher.publish(new InboundMessage(session.tenant(), conversation, opens, session.me(), send.clientMsgId(),
                send.text(), commands.gatewayId(), System.currentTimeMillis(), opens ? session.routing() : null, null,
                parts))
                .subscribe().with(x -> {
                }, failure -> {
                    if (session.pending().ackArrived(conversation, send.clientMsgId())) {
                        session.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                                "message could not be stored; resend with the same clientMsgId", send.clientMsgId()));
                    }
                });
    }

    /** The visitor's open conversation, or the one this send opens. */
    private static String openOrNew(Session session) {
        Session.VisitorConversations mine = session.visitorConversations();
        synchronized (mine) {
            String open = mine.open();
            if (open != null) {
                return open;
            }
            String next = Ids.nextConversationId(session.tenant(), session.me().id(), mine.newest());
            mine.opening(next);
            session.allow(next);
            return next;
        }
    }
}
