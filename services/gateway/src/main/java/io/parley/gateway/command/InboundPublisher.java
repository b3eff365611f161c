package io.parley.gateway.command;

import io.parley.common.event.ConversationCommand;
import io.parley.common.event.InboundMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Writes accepted sends to {@link io.parley.common.Topics#INBOUND} and actions to
 * {@link io.parley.common.Topics#COMMANDS}, keyed by conversation id (ordering).
 */
@ApplicationScoped
public class InboundPublisher {
    public static final String INBOUND_CHANNEL = "inbound-out";
    public static final String COMMANDS_CHANNEL = "commands-out";

    private final MutinyEmitter<Record<String, InboundMessage>> emitter;
    private final MutinyEmitter<Record<String, ConversationCommand>> commands;

    public InboundPublisher(@Channel(INBOUND_CHANNEL) MutinyEmitter<Record<String, InboundMessage>> emitter,
            @Channel(COMMANDS_CHANNEL) MutinyEmitter<Record<String, ConversationCommand>> commands) {
        this.emitter = emitter;
        this.commands = commands;
    }

    public Uni<Void> publish(ConversationCommand command) {
        return commands.send(Record.of(command.conversationId(), command));
    }

    /** Completes when the broker has the record (acks=all), fails when it cannot be made durable. */
    public Uni<Void> publish(InboundMessage message) {
        return emitter.send(Record.of(message.conversationId(), message));
    }
}
