package io.parley.routing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.event.ConversationCommand;
import io.parley.common.model.Handoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Applies an action and tells everyone concerned: the conversation's participants (and an agent who just lost
 * it) get its new state, the actor gets the result, a close is measured against the SLA, and freed capacity or
 * a re-queued conversation is dispatched at once. Used for agents' commands, routing's own (auto-close) and
 * bots' handoffs.
 */
@ApplicationScoped
public class ActionProcessor {
    private final ConversationActions actions;
    private final FanoutPublisher publisher;
    private final QueueDispatcher dispatcher;
    private final ServiceLevels serviceLevels;
    private final QueueStore queues;
    private final OfflineDesk offlineDesk;
    private final MeterRegistry registry;

    public ActionProcessor(ConversationActions actions, FanoutPublisher publisher, QueueDispatcher dispatcher,
            ServiceLevels serviceLevels, QueueStore queues, OfflineDesk offlineDesk, MeterRegistry registry) {
        this.actions = actions;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.serviceLevels = serviceLevels;
        this.queues = queues;
        this.offlineDesk = offlineDesk;
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

    /**
     * A bot's last message carried a handoff, and that message is stored: the conversation leaves the bot and is
     * treated like a new one that needs a human (outside business hours it takes a message instead of queueing).
     * Safe to repeat: once the conversation has left the bot, nothing happens.
     */
    public Uni<Void> handOff(String tenant, String conversationId, String botId, Handoff handoff) {
        return actions.handOff(tenant, conversationId, botId, handoff).chain(queued -> {
            if (queued == null) {
                return Uni.createFrom().voidItem();
            }
            registry.counter("parley_conversation_actions_total", "action", "handoff", "result", "applied")
                    .increment();
            return offlineDesk.takeIfClosed(Map.of(queued.id(), queued.tenant())).chain(offline -> {
                if (offline.containsKey(queued.id())) {
                    return publisher.conversation(offline.get(queued.id()));
                }
                return queues.enqueue(List.of(queued.id())).chain(touched -> publisher.conversation(queued)
                        .chain(() -> dispatcher.dispatch(touched)));
            });
        });
    }
}
