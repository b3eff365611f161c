package io.parley.routing.listener;

import io.parley.common.Topics;
import io.parley.common.event.ConversationCommand;
import io.parley.routing.service.ActionProcessor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes agents' and supervisors' actions, one at a time (they are rare next to messages). Like sends, a
 * failed command is retried with back-off; applying it is guarded by the conversation's state, so a retry after
 * a crash is refused rather than applied twice.
 */
@ApplicationScoped
public class CommandListener {
    /** Channel fed by {@link Topics#COMMANDS}. */
    public static final String COMMANDS_CHANNEL = "commands";

    private final ActionProcessor processor;

    public CommandListener(ActionProcessor processor) {
        this.processor = processor;
    }

    /** {@code command} is null for a record that could not be read (it went to the dead-letter topic). */
    @Incoming(COMMANDS_CHANNEL)
    public Uni<Void> consume(ConversationCommand command) {
        if (command == null) {
            return Uni.createFrom().voidItem();
        }
        return processor.process(command).replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("command %s on %s not applied yet, retrying: %s",
                        command.action().wire(), command.conversationId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }
}
