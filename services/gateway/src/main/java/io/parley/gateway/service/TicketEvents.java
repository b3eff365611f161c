package io.parley.gateway.service;

import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Tells downstream consumers (reporting, notifications, integrations) about ticket changes on
 * {@link io.parley.common.Topics#TICKETS}, keyed by ticket id so one ticket's events stay in order. Sent after
 * the change is committed: the change stands even when Kafka is unreachable, and that event is then logged and
 * lost (an outbox would close the gap; see docs/tickets.md).
 */
@ApplicationScoped
public class TicketEvents {
    public static final String TICKETS_CHANNEL = "tickets-out";

    private final MutinyEmitter<Record<String, String>> emitter;

    public TicketEvents(@Channel(TICKETS_CHANNEL) MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    /** Completes once the broker has the event, or once the failure is logged; never fails. */
    public Uni<Void> changed(String tenant, String kind, TicketStore.Ticket t, String actorId) {
        TicketChanged event = new TicketChanged(tenant, t.id(), kind, t.conversationId(), t.status(), t.priority(),
                t.assigneeId(), t.groupId(), t.tags(), actorId, System.currentTimeMillis());
        return emitter.send(Record.of(Long.toString(t.id()), Json.write(event)))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("ticket %d: %s event not sent: %s", t.id(), kind, e.getMessage());
                    return null;
                });
    }
}
