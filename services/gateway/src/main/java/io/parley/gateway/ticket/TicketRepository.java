package io.parley.gateway.ticket;

import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Tickets and their thread (Hibernate Reactive Panache). Every change is kept as a history entry with before/after
 * and writes its event to {@code ticket_outbox} in the same transaction; {@link TicketEvents} relays it.
 */
@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, Long> {

    /** What a new ticket says; {@code note} becomes its first private note. */
    public record Draft(String conversationId, String subject, String requesterId, String requesterName,
            String priority, String assigneeId, String groupId, List<String> tags, String note) {
    }

    @WithTransaction
    public Uni<TicketView> create(String tenant, String author, Draft draft) {
        Ticket ticket = new Ticket();
        ticket.tenantId = tenant;
        ticket.conversationId = draft.conversationId();
        ticket.subject = draft.subject();
        ticket.requesterId = draft.requesterId();
        ticket.requesterName = draft.requesterName();
        ticket.priority = draft.priority() == null ? "normal" : draft.priority();
        ticket.assigneeId = draft.assigneeId();
        ticket.groupId = draft.groupId();
        ticket.tags = draft.tags() == null ? List.of() : draft.tags().stream().distinct().toList();
        ticket.createdAt = OffsetDateTime.now();
        ticket.updatedAt = ticket.createdAt;
        return persist(ticket)
                .call(created -> draft.note() == null ? Uni.createFrom().voidItem()
                        : TicketEntry.of(created.id, "note", author, draft.note(), null).persist())
                .call(created -> outbox(tenant, "created", created, author))
                .map(Ticket::view);
    }

    @WithSession
    public Uni<TicketView> findView(String tenant, long id) {
        return inTenant(tenant, id).map(t -> t == null ? null : t.view());
    }

    /** The ticket with its entries, oldest first; null when the tenant has no such ticket. */
    @WithSession
    public Uni<TicketView.WithHistory> withHistory(String tenant, long id) {
        return inTenant(tenant, id).chain(t -> t == null ? Uni.createFrom().nullItem()
                : TicketEntry.<TicketEntry>list("ticketId = ?1 order by id", id)
                        .map(entries -> new TicketView.WithHistory(t.view(),
                                entries.stream().map(TicketEntry::view).toList())));
    }

    /** Applies the changed fields and records them (before/after) in the history; null when absent. */
    @WithTransaction
    public Uni<TicketView> update(String tenant, long id, String author, Map<String, Object> changes) {
        return find("tenantId = ?1 and id = ?2", tenant, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(ticket -> {
                    if (ticket == null) {
                        return Uni.createFrom().nullItem();
                    }
                    Map<String, Object> before = ticket.changeable();
                    changes.forEach((field, value) -> apply(ticket, field, value));
                    ticket.updatedAt = OffsetDateTime.now();
                    return TicketEntry.of(id, "change", author, null, Map.of("before", before,
                            "after", ticket.changeable())).persist()
                            .chain(() -> outbox(tenant, "updated", ticket, author))
                            .map(x -> ticket.view());
                });
    }

    @SuppressWarnings("unchecked")
    private static void apply(Ticket ticket, String field, Object value) {
        switch (field) {
            case "status" -> ticket.status = (String) value;
            case "priority" -> ticket.priority = (String) value;
            case "assigneeId" -> ticket.assigneeId = (String) value;
            case "groupId" -> ticket.groupId = (String) value;
            case "tags" -> ticket.tags = List.copyOf((List<String>) value);
            default -> throw new IllegalArgumentException("not changeable: " + field);
        }
    }

    /** A reply or note; null when the tenant has no such ticket, else the ticket. */
    @WithTransaction
    public Uni<TicketView> addEntry(String tenant, long id, String kind, String author, String body) {
        return find("tenantId = ?1 and id = ?2", tenant, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(ticket -> {
                    if (ticket == null) {
                        return Uni.createFrom().nullItem();
                    }
                    ticket.updatedAt = OffsetDateTime.now();
                    return TicketEntry.of(id, kind, author, body, null).persist()
                            .chain(() -> outbox(tenant, kind, ticket, author))
                            .map(x -> ticket.view());
                });
    }

    /**
     * The visitor's address on the open tickets of their conversation (the chat's offline form), each change kept in
     * the ticket's history with its event; the tickets changed.
     */
    @WithTransaction
    public Uni<List<TicketView>> leaveContact(String tenant, String conversationId, String visitorId, String email,
            String name) {
        return find("tenantId = ?1 and conversationId = ?2 and status in ('open', 'pending')", tenant, conversationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().chain(found -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Ticket ticket : found) {
                        Map<String, Object> before = contact(ticket);
                        ticket.requesterEmail = email;
                        ticket.requesterName = name == null ? ticket.requesterName : name;
                        ticket.updatedAt = OffsetDateTime.now();
                        TicketEntry entry = TicketEntry.of(ticket.id, "change", visitorId, null,
                                Map.of("before", before, "after", contact(ticket)));
                        entry.authorKind = "visitor";
                        all = all.chain(() -> entry.persist()).chain(() -> outbox(tenant, "updated", ticket, visitorId));
                    }
                    return all.map(x -> found.stream().map(Ticket::view).toList());
                });
    }

    private static Map<String, Object> contact(Ticket ticket) {
        Map<String, Object> contact = new java.util.HashMap<>();
        contact.put("requesterEmail", ticket.requesterEmail);
        contact.put("requesterName", ticket.requesterName);
        return contact;
    }

    private Uni<Ticket> inTenant(String tenant, long id) {
        return find("tenantId = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** The change's event, committed with it. */
    private static Uni<Void> outbox(String tenant, String kind, Ticket t, String actor) {
        TicketOutboxRow row = new TicketOutboxRow();
        row.ticketId = t.id;
        row.payload = Json.write(new TicketChanged(tenant, t.id, kind, t.conversationId, t.status, t.priority,
                t.assigneeId, t.groupId, List.copyOf(t.tags), actor, System.currentTimeMillis()));
        return row.persist().replaceWithVoid();
    }
}
