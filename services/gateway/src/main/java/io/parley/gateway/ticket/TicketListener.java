package io.parley.gateway.ticket;

import io.parley.common.Topics;
import io.parley.common.event.TicketChanged;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every gateway reads all of {@link Topics#TICKETS} (a consumer group of its own, from the end, committing
 * nothing) and writes each change as a {@code ticket} frame to the agent sockets of the ticket's tenant it holds
 * (never to other tenants' agents or to visitors). Live updates only: a console that was away reloads its ticket
 * list through the tickets API.
 */
@ApplicationScoped
public class TicketListener {
    /** Channel fed by {@link Topics#TICKETS}. */
    public static final String TICKETS_CHANNEL = "tickets-in";

    private final SessionRegistry sessions;

    public TicketListener(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** {@code event} is null for a record that could not be read (it went to the dead-letter topic). */
    @Incoming(TICKETS_CHANNEL)
    public void consume(TicketChanged event) {
        if (event == null) {
            return;
        }
        ServerFrame.Ticket frame = new ServerFrame.Ticket(event.ticketId(), event.kind(), event.conversationId(),
                event.status(), event.priority(), event.assigneeId(), event.groupId(), event.tags(), event.actorId(),
                event.ts());
        sessions.all().filter(s -> s.isAgent() && s.tenant().equals(event.tenant())).forEach(s -> s.write(frame));
    }
}
