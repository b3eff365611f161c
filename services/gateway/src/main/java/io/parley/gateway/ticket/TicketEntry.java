package io.parley.gateway.ticket;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of a ticket's thread and history: a public reply, a private note, or a change (before/after). */
@Entity
@Table(name = "ticket_entry")
public class TicketEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ticket_id")
    public Long ticketId;
    public String kind;
    @Column(name = "author_kind")
    public String authorKind = "agent";
    @Column(name = "author_id")
    public String authorId;
    public String body;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> change;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    static TicketEntry of(long ticketId, String kind, String author, String body, Map<String, Object> change) {
        TicketEntry entry = new TicketEntry();
        entry.ticketId = ticketId;
        entry.kind = kind;
        entry.authorId = author;
        entry.body = body;
        entry.change = change;
        entry.createdAt = OffsetDateTime.now();
        return entry;
    }

    TicketView.Entry view() {
        return new TicketView.Entry(id, kind, authorKind, authorId, body, change, createdAt);
    }
}
