package io.parley.common;

/** Kafka topic names, defined once. Partition counts live in the {@code parley} script. */
public final class Topics {
    /** Sends accepted by a gateway, keyed by conversation id; consumed by routing. */
    public static final String INBOUND = "parley.inbound";
    /** Sequenced, durable messages for downstream consumers (bot, analytics), keyed by conversation id. */
    public static final String MESSAGES = "parley.messages";
    /** Agents' and supervisors' actions on conversations, keyed by conversation id; consumed by routing. */
    public static final String COMMANDS = "parley.commands";
    /** Conversation lifecycle events (opened, assigned, closed), keyed by conversation id. */
    public static final String CONVERSATIONS = "parley.conversations";
    /** Ticket changes (created, updated, reply, note), keyed by ticket id; produced by the gateway. */
    public static final String TICKETS = "parley.tickets";

    private Topics() {
    }
}
