package io.parley.routing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.event.ConversationCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies an action and tells everyone concerned: the conversation's participants (and an agent who just lost
 * it) get its new state, the actor gets the result, a close is measured against the SLA, and freed capacity or
 * a re-queued conversation is dispatched at once. Used for agents' commands and routing's own (auto-close).
 */
@ApplicationScoped
public class ActionProcessor {
    private final ConversationActions actions;
    private final FanoutPublisher publisher;
    private final QueueDispatcher dispatcher;
    private final ServiceLevels serviceLevels;
    private final MeterRegistry registry;

    public ActionProcessor(ConversationActions actions, FanoutPublisher publisher, QueueDispatcher dispatcher,
            ServiceLevels serviceLevels, MeterRegistry registry) {
        this.actions = actions;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.serviceLevels = serviceLevels;
        this.registry = registry;
    }

    public Uni<ConversationActions.Outcome> process(ConversationCommand command) {
        return actions.apply(command).call(outcome -> {
            registry.counter("parley_conversation_actions_total", "action", command.action().wire(),
                    "result", outcome.result().applied() ? "applied" : outcome.result().code().wire()).increment();
            FanoutPublisher.Batch batch = publisher.batch();
            if (outcome.after() != null) {
                batch.conversation(outcome.after(), null, outcome.releasedAgent());
            }
            batch.result(outcome.result());
            Uni<Void> measured = outcome.closedAfterSec() == null ? Uni.createFrom().voidItem()
                    : serviceLevels.closed(command.conversationId(), outcome.closedAfterSec());
            return batch.send().chain(() -> measured).chain(() -> dispatcher.dispatch(outcome.queuesToDispatch()));
        });
    }
}
