package io.parley.gateway.ticket;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A ticket event waiting in {@code ticket_outbox} for the relay ({@link TicketEvents}), written with its change. */
@Entity
@Table(name = "ticket_outbox")
public class TicketOutboxRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ticket_id")
    public Long ticketId;
    public String payload;
}
