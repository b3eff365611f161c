package io.parley.gateway.listener;

import io.parley.common.Topics;
import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.parley.gateway.service.SessionHub;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every gateway reads all of {@link Topics#TICKETS} (a consumer group of its own, from the end, committing
 * nothing) and passes each change to the tenant's agent sockets it holds. Live updates only: a console that
 * was away reloads its ticket list through the tickets API.
 */
@ApplicationScoped
public class TicketListener {
    /** Channel fed by {@link Topics#TICKETS}. */
    public static final String TICKETS_CHANNEL = "tickets-in";

    private final SessionHub hub;

    public TicketListener(SessionHub hub) {
        this.hub = hub;
    }

    @Incoming(TICKETS_CHANNEL)
    public void consume(String payload) {
        try {
            hub.ticketChanged(Json.read(payload, TicketChanged.class));
        } catch (IllegalArgumentException e) {
            Log.errorf("skipping unreadable ticket event: %s", e.getMessage());
        }
    }
}
