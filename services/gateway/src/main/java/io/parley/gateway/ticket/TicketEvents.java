package io.parley.gateway.ticket;

import io.parley.common.Topics;
import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The relay of the tickets outbox: every ticket change writes its {@code TicketChanged} to {@code ticket_outbox}
 * in the change's own transaction ({@link TicketStore}, and routing for the tickets it opens); this sends the
 * rows to {@link Topics#TICKETS} in id order, keyed by ticket id, and deletes them once the broker has them. A
 * change therefore never loses its event: with Kafka down the rows wait, and go out when it is back (possibly
 * twice after a crash between the send and the delete: consumers see the same state again).
 *
 * <p>One relay at a time across all gateways (a PostgreSQL advisory lock held by the relaying transaction), so
 * events leave in the order they were committed. It runs right after each change this gateway commits
 * ({@link #nudge()}) and every {@code parley.tickets.relay-interval} for everything else.
 */
@ApplicationScoped
public class TicketEvents {
    public static final String TICKETS_CHANNEL = "tickets-out";
    /** The advisory lock key of the relay ("prly" "tkts"). */
    static final long RELAY_LOCK = 0x70726c79746b7473L;
    static final int BATCH = 200;

    private final Pool pool;
    private final MutinyEmitter<Record<String, TicketChanged>> emitter;

    public TicketEvents(Pool pool, @Channel(TICKETS_CHANNEL) MutinyEmitter<Record<String, TicketChanged>> emitter) {
        this.pool = pool;
        this.emitter = emitter;
    }

    /** After a commit: relay now, without making the caller wait for Kafka or fail with it. */
    public void nudge() {
        relay().subscribe().with(sent -> {
        }, e -> Log.warnf("ticket events wait in the outbox: %s", e.getMessage()));
    }

    // Only while the application runs: before, the emitter's channel is not connected yet; while it stops, the
    // database pool is closed (this and the routing sweeps would log failures that are none).
    @Scheduled(every = "${parley.tickets.relay-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return relay().onFailure().recoverWithItem(e -> {
            Log.warnf("ticket events wait in the outbox: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Sends up to {@value #BATCH} waiting events; 0 when another relay is at work or nothing waits. */
    public Uni<Integer> relay() {
        return pool.withTransaction(conn -> conn.query("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ") AS mine")
                .execute()
                .chain(lock -> !lock.iterator().next().getBoolean("mine") ? Uni.createFrom().item(0)
                        : conn.query("SELECT id, ticket_id, payload FROM ticket_outbox ORDER BY id LIMIT " + BATCH)
                                .execute()
                                .chain(rows -> {
                                    List<Row> waiting = new ArrayList<>();
                                    rows.forEach(waiting::add);
                                    if (waiting.isEmpty()) {
                                        return Uni.createFrom().item(0);
                                    }
                                    // One after the other: the producer keeps a ticket's events in commit order.
                                    return Multi.createFrom().iterable(waiting)
                                            .onItem().transformToUniAndConcatenate(row -> emitter.send(Record.of(
                                                    Long.toString(row.getLong("ticket_id")),
                                                    Json.read(row.getString("payload"), TicketChanged.class))))
                                            .collect().last()
                                            .chain(() -> conn.preparedQuery("DELETE FROM ticket_outbox WHERE id = ANY($1)")
                                                    .execute(Tuple.of((Object) waiting.stream()
                                                            .map(r -> r.getLong("id")).toArray(Long[]::new))))
                                            .replaceWith(waiting.size());
                                })));
    }
}
