package io.parley.routing.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.common.Topics;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.InboundMessage;
import io.parley.routing.domain.ConversationRow;
import io.parley.routing.domain.SequencingOutcome;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.routing.service.ActionProcessor;
import io.parley.routing.service.BotPresence;
import io.parley.routing.service.ConversationRouter;
import io.parley.routing.service.QueuePositions;
import io.parley.routing.service.QueueStore;
import io.parley.routing.service.ConversationSequencer;
import io.parley.routing.service.FanoutPublisher;
import io.parley.routing.service.OfflineDesk;
import io.parley.routing.service.ServiceLevels;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes sends in batches. Offsets are committed only after the batch is stored and published, so a crash
 * anywhere before that redelivers the batch, and the sequencer's idempotency turns redelivery into re-publishing
 * the same messages (gateways drop seqs they already delivered). A database or Redis outage retries the batch
 * with back-off instead of skipping it: nothing acked by Kafka is lost.
 */
@ApplicationScoped
public class InboundListener {
    /** Channel fed by {@link Topics#INBOUND}. */
    public static final String INBOUND_CHANNEL = "inbound";

    private final ConversationSequencer sequencer;
    private final ConversationRouter router;
    private final QueueStore queues;
    private final QueuePositions positions;
    private final ServiceLevels serviceLevels;
    private final FanoutPublisher publisher;
    private final OfflineDesk offlineDesk;
    private final BotPresence botPresence;
    private final ActionProcessor actions;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter published;
    private final DistributionSummary batchSize;
    private final Timer storeTime;
    private final Timer publishTime;

    public InboundListener(ConversationSequencer sequencer, ConversationRouter router, QueueStore queues,
            QueuePositions positions, ServiceLevels serviceLevels,
            FanoutPublisher publisher, OfflineDesk offlineDesk, BotPresence botPresence, ActionProcessor actions,
            MeterRegistry registry) {
        this.offlineDesk = offlineDesk;
        this.botPresence = botPresence;
        this.actions = actions;
        this.sequencer = sequencer;
        this.router = router;
        this.queues = queues;
        this.positions = positions;
        this.serviceLevels = serviceLevels;
        this.publisher = publisher;
        this.stored = registry.counter("parley_messages_sequenced_total", "result", "stored");
        this.duplicates = registry.counter("parley_messages_sequenced_total", "result", "duplicate");
        this.rejected = registry.counter("parley_messages_sequenced_total", "result", "rejected");
        // Stored messages whose fan-out (participants' Redis channels, the messages topic) went out: beside
        // result=stored, the share of stored messages handed to live delivery (the delivery-ratio alert).
        this.published = registry.counter("parley_messages_published_total");
        // Where a batch's time goes: the database transaction, then assignment plus fan-out.
        this.batchSize = DistributionSummary.builder("parley_routing_batch_size").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.storeTime = Timer.builder("parley_routing_batch_seconds").tag("stage", "store")
                .publishPercentileHistogram().register(registry);
        this.publishTime = Timer.builder("parley_routing_batch_seconds").tag("stage", "publish")
                .publishPercentileHistogram().register(registry);
    }

    /** Records that could not be read come as null (they went to the dead-letter topic) and are left out. */
    @Incoming(INBOUND_CHANNEL)
    public Uni<Void> consume(List<InboundMessage> records) {
        List<InboundMessage> batch = records.stream().filter(Objects::nonNull).toList();
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        batchSize.record(batch.size());
        List<String> openingTenants = batch.stream()
                .filter(in -> in.newConversation() && in.sender().kind() == Participant.Kind.VISITOR)
                .map(InboundMessage::tenant).distinct().toList();
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return botPresence.onDuty(openingTenants).chain(bots -> sequencer.sequence(batch, bots))
                    .invoke(() -> storeTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        })
                .chain(outcomes -> {
                    long start = System.nanoTime();
                    return publish(outcomes)
                            .invoke(() -> publishTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                            .chain(() -> handOffs(outcomes))
                            .chain(() -> serviceLevels.answered(answeredByAgents(outcomes))
                                    // a measurement must never make a stored batch be retried
                                    .onFailure().invoke(e -> Log.warnf("first-response measurement skipped: %s",
                                            e.getMessage()))
                                    .onFailure().recoverWithNull());
                })
                .onFailure().invoke(e -> Log.warnf("batch of %d not stored yet, retrying: %s", batch.size(),
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }

    /**
     * Bots' messages that hand the conversation over, once stored and published (the visitor sees the bot's
     * notice first). Duplicates count too: a redelivered batch finishes a handoff a crash interrupted, and a
     * handoff already applied is a no-op.
     */
    private Uni<Void> handOffs(List<SequencingOutcome> outcomes) {
        List<SequencingOutcome.Stored> handoffs = new ArrayList<>();
        for (SequencingOutcome outcome : outcomes) {
            if (outcome instanceof SequencingOutcome.Stored s && s.handoff() != null) {
                handoffs.add(s);
            }
        }
        return Multi.createFrom().iterable(handoffs)
                .onItem().transformToUniAndConcatenate(s -> actions.handOff(s.message().tenant(),
                        s.message().conversationId(), s.message().sender().id(), s.handoff()))
                .collect().last().replaceWithVoid();
    }

    /** Conversations in which a human agent wrote in this batch (their first response may be among them). */
    private static List<String> answeredByAgents(List<SequencingOutcome> outcomes) {
        return outcomes.stream()
                .filter(o -> o instanceof SequencingOutcome.Stored s && !s.duplicate()
                        && s.message().sender().kind() == Participant.Kind.AGENT)
                .map(o -> ((SequencingOutcome.Stored) o).conversation().id()).distinct().toList();
    }

    /**
     * Routes the conversations this batch opened (queue, then assignment where an agent has room) before
     * publishing, so the agent's channel already carries the first message; then fans every outcome out in
     * batch order, followed by the new queue positions, with one wait for the whole batch.
     */
    private Uni<Void> publish(List<SequencingOutcome> outcomes) {
        Map<String, String> opened = new LinkedHashMap<>(); // conversation -> tenant
        for (SequencingOutcome outcome : outcomes) {
            // Conversations that start with the bot are not routed until the bot hands them over.
            if (outcome instanceof SequencingOutcome.Stored s && s.opened()
                    && s.conversation().status() == ConversationStatus.QUEUED) {
                opened.put(s.conversation().id(), s.conversation().tenant());
            }
        }
        if (opened.isEmpty()) {
            return fanOut(outcomes, Map.of(), Map.of(), List.of());
        }
        // Outside business hours nobody answers: those conversations take messages instead of queueing.
        return offlineDesk.takeIfClosed(opened).chain(offline -> route(outcomes, opened.keySet().stream()
                .filter(id -> !offline.containsKey(id)).toList(), offline));
    }

    /** Queues the conversations just opened, drains their queues, and fans the batch out. */
    private Uni<Void> route(List<SequencingOutcome> outcomes, List<String> opened,
            Map<String, ConversationRow> offline) {
        if (opened.isEmpty()) {
            return fanOut(outcomes, offline, Map.of(), List.of());
        }
        // Decisions one queue after the other, nothing else in between: each is one short Redis round trip, and
        // run side by side each waited behind the others' replies (docs/benchmarks.md, routing decisions). Then
        // one PostgreSQL statement records them all while the queues' new positions are read.
        return queues.enqueue(opened).chain(touched -> Multi.createFrom().iterable(touched)
                .onItem().transformToUniAndConcatenate(router::claim)
                .collect().asList()
                .chain(claims -> Uni.combine().all().unis(
                        router.record(claims.stream().flatMap(List::stream).toList()),
                        Multi.createFrom().iterable(touched)
                                .onItem().transformToUni(queue -> positions.of(queue)
                                        .map(places -> new Placed(places, positions.unannounced(queue, places))))
                                .merge(4)
                                .collect().asList())
                        .asTuple()))
                .chain(routed -> {
                    Map<String, ConversationRow> assigned = new HashMap<>(offline);
                    routed.getItem1().forEach(row -> assigned.put(row.id(), row));
                    Map<String, ConversationChanged> places = new HashMap<>();
                    List<ConversationChanged> moved = new ArrayList<>();
                    for (Placed p : routed.getItem2()) {
                        p.places().forEach(place -> places.put(place.conversationId(), place));
                        moved.addAll(p.moved());
                    }
                    return fanOut(outcomes, assigned, places, moved);
                });
    }

    /** A queue after the batch's decisions: every place in it, and the places not yet announced. */
    private record Placed(List<ConversationChanged> places, List<ConversationChanged> moved) {
    }

    /**
     * {@code places}: every waiting conversation's place, so the frame that opens a conversation always says
     * where it waits (a sweep may have announced that place already, even before this frame); {@code moved}:
     * the others whose place changed.
     */
    private Uni<Void> fanOut(List<SequencingOutcome> outcomes, Map<String, ConversationRow> assigned,
            Map<String, ConversationChanged> places, List<ConversationChanged> moved) {
        Map<String, ConversationChanged> placeInQueue = new HashMap<>();
        moved.forEach(w -> placeInQueue.put(w.conversationId(), w));
        FanoutPublisher.Batch batch = publisher.batch();
        int fresh = 0;
        for (SequencingOutcome outcome : outcomes) {
            switch (outcome) {
                case SequencingOutcome.Rejected r -> {
                    rejected.increment();
                    batch.rejection(r.rejection());
                }
                case SequencingOutcome.Stored s -> {
                    (s.duplicate() ? duplicates : stored).increment();
                    fresh += s.duplicate() ? 0 : 1;
                    // Sends of a conversation opened in this batch were read before its assignment.
                    ConversationRow after = assigned.get(s.conversation().id());
                    ConversationRow conversation = after == null ? s.conversation()
                            : after.withLastSeq(s.message().seq());
                    if (s.opened()) {
                        placeInQueue.remove(conversation.id());
                        batch.conversation(conversation, places.get(conversation.id()));
                    }
                    batch.message(s.message(), conversation);
                }
            }
        }
        // Everyone else waiting in the touched queues hears their (possibly new) place.
        placeInQueue.values().forEach(batch::queuePlace);
        int sent = fresh;
        return batch.send().invoke(() -> published.increment(sent));
    }
}
