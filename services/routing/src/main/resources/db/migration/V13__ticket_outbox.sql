-- Ticket events waiting to go out on Kafka parley.tickets, written in the same transaction as the change they
-- describe (by the gateway's tickets API, and by routing for the tickets it opens), sent and deleted by the
-- gateways' relay in id order. A row exists only while its event is not yet acknowledged by the broker.
CREATE TABLE ticket_outbox (
    id         bigserial PRIMARY KEY,
    ticket_id  bigint NOT NULL,
    payload    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
