package io.parley.routing.service;

import io.parley.common.event.InboundMessage;
import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.parley.common.model.Participant;
import io.parley.routing.domain.ConversationRow;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Outside a tenant's business hours nobody is there to answer, so a conversation that opens then is not queued:
 * the visitor is told (a system message in the conversation) and may leave their message there, and the
 * conversation becomes a ticket (tag {@code offline}) whose public replies reach the visitor in the same thread.
 * The same happens to a conversation that has waited longer than the tenant's limit ({@link #takeLongWaits}).
 */
@ApplicationScoped
public class OfflineDesk {
    /** Channel to {@link io.parley.common.Topics#INBOUND}: the notice takes the durable path like any message. */
    public static final String NOTICES_CHANNEL = "notices-out";
    /** The notice's sender, and its clientMsgId: sending it twice (a retried batch) stores it once. */
    static final Participant SENDER = new Participant(Participant.Kind.SYSTEM, "offline-desk", "Parley");
    static final String NOTICE_ID = "offline-notice";
    public static final String BUSY_NOTICE = "All of our team are busy right now. Leave your message here and we will"
            + " answer you in this conversation.";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final Pool pool;
    private final BusinessHoursDirectory directory;
    private final MutinyEmitter<Record<String, InboundMessage>> notices;
    private final QueueStore queues;
    private final FanoutPublisher publisher;

    public OfflineDesk(Pool pool, BusinessHoursDirectory directory,
            @Channel(NOTICES_CHANNEL) MutinyEmitter<Record<String, InboundMessage>> notices, QueueStore queues,
            FanoutPublisher publisher) {
        this.pool = pool;
        this.directory = directory;
        this.notices = notices;
        this.queues = queues;
        this.publisher = publisher;
    }

    /**
     * Of the conversations just opened (id -> tenant), takes those whose tenant is closed now: notice first
     * (idempotent, so a retry after a failure later on repeats nothing), then status {@code open} and the ticket
     * in one transaction. Returns the rows it changed, for the opening frames.
     */
    public Uni<Map<String, ConversationRow>> takeIfClosed(Map<String, String> openedTenants) {
        Map<String, List<String>> byTenant = new HashMap<>();
        openedTenants.forEach((id, tenant) -> byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(id));
        Instant now = Instant.now();
        return Multi.createFrom().iterable(byTenant.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> directory.hours(entry.getKey()).chain(hours -> {
                    if (hours.isEmpty() || hours.get().hours().isOpen(now)) {
                        return Uni.createFrom().item(List.<ConversationRow>of());
                    }
                    String text = notice(hours.get(), now);
                    return Multi.createFrom().iterable(entry.getValue())
                            .onItem().transformToUniAndConcatenate(id -> notices.send(Record.of(id,
                                    new InboundMessage(entry.getKey(), id, false, SENDER, NOTICE_ID, text, "routing",
                                            System.currentTimeMillis()))))
                            .collect().last()
                            .chain(() -> divert(entry.getValue()));
                }))
                .collect().in(HashMap::new, (rows, list) -> list.forEach(row -> rows.put(row.id(), row)));
    }

    /**
     * Conversations that have waited in a queue longer than their tenant's {@code max_queue_wait_sec}: out of
     * routing and into a ticket like a closed tenant's, and the visitor is told. Called by the queue sweep.
     * Here the move comes first and the notice after, so a conversation an agent took meanwhile is left alone
     * (the notice is then at most once: if it cannot be sent, the visitor still sees the status change).
     */
    public Uni<Void> takeLongWaits() {
        return pool.query("""
                SELECT c.id
                FROM conversation c JOIN business_hours b ON b.tenant_id = c.tenant_id
                WHERE c.status = 'queued' AND b.max_queue_wait_sec IS NOT NULL
                  AND c.queued_at < now() - b.max_queue_wait_sec * interval '1 second'
                ORDER BY c.queued_at LIMIT 500""").execute().chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    List<String> waiting = new ArrayList<>();
                    rows.forEach(row -> waiting.add(row.getString("id")));
                    return divert(waiting).chain(moved -> {
                        if (moved.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        FanoutPublisher.Batch batch = publisher.batch();
                        Map<String, List<String>> byTenant = new HashMap<>();
                        for (ConversationRow row : moved) {
                            byTenant.computeIfAbsent(row.tenant(), t -> new ArrayList<>()).add(row.id());
                            batch.conversation(row);
                        }
                        return Multi.createFrom().iterable(byTenant.entrySet())
                                .onItem().transformToUniAndConcatenate(e -> queues.dequeue(e.getKey(), e.getValue()))
                                .collect().last().chain(batch::send).chain(() -> Multi.createFrom().iterable(moved)
                                .onItem().transformToUniAndConcatenate(row -> notices.send(Record.of(row.id(),
                                        new InboundMessage(row.tenant(), row.id(), false, SENDER, NOTICE_ID,
                                                BUSY_NOTICE, "routing", System.currentTimeMillis())))
                                        .onFailure().recoverWithItem(e -> {
                                            Log.warnf("%s: busy notice not sent: %s", row.id(), e.getMessage());
                                            return null;
                                        }))
                                .collect().last().replaceWithVoid());
                    });
                });
    }

    /**
     * Queued -> open (out of routing) and one ticket per conversation, in one transaction, with the tickets'
     * {@code created} events in the tickets outbox (the gateways relay it to Kafka): none is lost if Kafka is down.
     */
    private Uni<List<ConversationRow>> divert(List<String> ids) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                UPDATE conversation SET status = 'open', queued_at = NULL, updated_at = now()
                WHERE id = ANY($1) AND status = 'queued' RETURNING\s""" + ConversationRow.COLUMNS)
                .execute(Tuple.of((Object) ids.toArray(String[]::new)))
                .chain(rows -> {
                    List<ConversationRow> diverted = new ArrayList<>();
                    rows.forEach(row -> diverted.add(ConversationRow.from(row)));
                    if (diverted.isEmpty()) {
                        return Uni.createFrom().item(diverted);
                    }
                    // Only rows this statement moved out of 'queued' get a ticket: at most one per conversation.
                    return conn.preparedQuery("""
                            INSERT INTO ticket (tenant_id, conversation_id, subject, requester_id, tags)
                            SELECT c.tenant_id, c.id,
                                   coalesce((SELECT nullif(left(m.body, 200), '') FROM message m WHERE m.conversation_id = c.id
                                             AND m.sender_kind = 'visitor' ORDER BY m.seq LIMIT 1), 'Offline message'),
                                   c.visitor_id, '{offline}'
                            FROM conversation c WHERE c.id = ANY($1)
                            RETURNING id, tenant_id, conversation_id, status, priority""")
                            .execute(Tuple.of((Object) diverted.stream().map(ConversationRow::id)
                                    .toArray(String[]::new)))
                            .chain(tickets -> {
                                long now = System.currentTimeMillis();
                                List<TicketChanged> opened = new ArrayList<>();
                                tickets.forEach(t -> opened.add(new TicketChanged(t.getString("tenant_id"),
                                        t.getLong("id"), "created", t.getString("conversation_id"),
                                        t.getString("status"), t.getString("priority"), null, null, List.of("offline"),
                                        SENDER.id(), now)));
                                return conn.preparedQuery("""
                                        INSERT INTO ticket_outbox (ticket_id, payload)
                                        SELECT * FROM unnest($1::bigint[], $2::text[])""")
                                        .execute(Tuple.of(opened.stream().map(TicketChanged::ticketId)
                                                .toArray(Long[]::new), opened.stream().map(Json::write)
                                                .toArray(String[]::new)))
                                        .replaceWith(diverted);
                            });
                }));
    }

    static String notice(BusinessHoursDirectory.TenantHours hours, Instant now) {
        if (hours.offlineMessage() != null && !hours.offlineMessage().isBlank()) {
            return hours.offlineMessage();
        }
        String back = hours.hours().nextOpening(now).map(t -> " We are back " + WHEN.format(t) + " ("
                + hours.hours().zone().getId() + ").").orElse("");
        return "We are away right now." + back
                + " Leave your message here and we will answer you in this conversation.";
    }
}
