package io.parley.gateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.common.event.ChannelEvent;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;
import io.parley.common.json.Json;
import io.parley.common.model.Participant;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.command.CommandGateway;
import io.parley.gateway.session.DeliveryCursor;
import io.parley.gateway.session.Session;
import io.parley.gateway.session.SessionRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Turns what arrives on participants' Redis channels into frames for their sockets: messages through each socket's
 * {@link DeliveryCursor} (exact seq order, acks for the sender), conversation changes (the team-only parts to agents
 * only), refusals and action results to the socket that waits for them, typing, read and alerts as they come.
 */
@ApplicationScoped
public class ChannelDispatcher {
    private final ParticipantChannels channels;
    private final SessionRegistry sessions;
    private final CommandGateway commands;
    private final Counter delivered;
    private final Timer visitorToAgent;

    public ChannelDispatcher(ParticipantChannels channels, SessionRegistry sessions, CommandGateway commands,
            MeterRegistry registry) {
        this.channels = channels;
        this.sessions = sessions;
        this.commands = commands;
        this.delivered = registry.counter("parley_messages_delivered_total");
        this.visitorToAgent = Timer.builder("parley_delivery_latency_seconds")
                .description("visitor send read by a gateway -> delivered to an agent socket")
                .tag("direction", "visitor_to_agent").publishPercentileHistogram().register(registry);
    }

    void listen(@Observes StartupEvent started) {
        channels.listen(this::dispatch, this::catchUp);
    }

    /** After a Redis outage: anything published meanwhile is in PostgreSQL; every cursor re-reads past itself. */
    private void catchUp() {
        sessions.all().forEach(Session::catchUp);
    }

    void dispatch(String channel, String payload) {
        ChannelEvent event;
        try {
            event = Json.read(payload, ChannelEvent.class);
        } catch (IllegalArgumentException e) {
            Log.errorf("unreadable event on %s: %s", channel, e.getMessage());
            return;
        }
        if (event instanceof ChannelEvent.Result r && commands.answered(r.result())) {
            return; // a REST caller's action
        }
        for (Session session : sessions.listening(channel)) {
            handle(session, event);
        }
    }

    /** One event for one socket. */
    public void handle(Session session, ChannelEvent event) {
        if (session.beforeWelcome(event)) {
            return;
        }
        switch (event) {
            case ChannelEvent.Message m -> message(session, m.message());
            case ChannelEvent.Conversation c -> conversation(session, c.conversation());
            case ChannelEvent.Rejected r -> rejected(session, r.rejected());
            case ChannelEvent.Result r -> result(session, r.result());
            // only agents' channels carry alerts; never to a visitor
            case ChannelEvent.Alert a -> {
                if (session.isAgent()) {
                    session.write(a.alert());
                }
            }
            case ChannelEvent.Csat c -> session.write(c.csat());
            case ChannelEvent.Typing t -> session.write(t.typing());
            case ChannelEvent.Read r -> session.write(r.read());
        }
    }

    private void message(Session session, SequencedMessage m) {
        session.allow(m.conversationId());
        session.visitorConversations().stored(m.conversationId());
        DeliveryCursor cursor = session.cursor(m.conversationId(), 0);
        // A retried send whose seq this socket already has still deserves its ack.
        if (m.seq() <= cursor.lastSeq() && isMine(session, m)
                && session.pending().ackArrived(m.conversationId(), m.clientMsgId())) {
            session.write(ServerFrame.Ack.of(m));
            return;
        }
        cursor.offer(m);
    }

    private void conversation(Session session, ConversationChanged c) {
        session.allow(c.conversationId());
        if (!session.isAgent()) {
            session.visitorConversations().changed(c);
        }
        boolean isNew = !session.hasCursor(c.conversationId());
        DeliveryCursor cursor = session.cursor(c.conversationId(), 0);
        if (!session.overtakenPlace(c)) {
            session.write(session.isAgent() ? ServerFrame.Conversation.forAgent(c)
                    : ServerFrame.Conversation.forVisitor(c));
        }
        if (isNew && c.lastSeq() > 0) {
            cursor.resumeFrom(0); // newly assigned: bring the whole thread
        }
    }

    private static void rejected(Session session, SendRejected r) {
        if (session.pending().ackArrived(r.conversationId(), r.clientMsgId())) {
            session.write(new ServerFrame.Error(r.code(), r.reason(), r.clientMsgId()));
        }
    }

    private static void result(Session session, CommandResult r) {
        if (session.pending().resultArrived(r.ref())) {
            session.write(r.applied() ? new ServerFrame.Done(r.ref(), r.conversationId(), r.status(), r.assignee())
                    : new ServerFrame.Error(r.code(), r.message(), r.ref()));
        }
    }

    /** Called by a cursor, in seq order: the sender's own socket gets the ack, every other socket the message. */
    public void deliver(Session session, SequencedMessage m) {
        if (isMine(session, m) && session.pending().ackArrived(m.conversationId(), m.clientMsgId())) {
            session.write(ServerFrame.Ack.of(m));
            return;
        }
        session.write(ServerFrame.Message.of(m));
        delivered.increment();
        if (session.isAgent() && m.sender().kind() == Participant.Kind.VISITOR) {
            visitorToAgent.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - m.receivedAt())));
        }
    }

    private static boolean isMine(Session session, SequencedMessage m) {
        return m.sender().kind() == session.me().kind() && m.sender().id().equals(session.me().id());
    }
}
