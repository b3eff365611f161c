package io.parley.routing.service;

import io.parley.routing.domain.ConversationRow;
import io.parley.routing.domain.QueueRef;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/** Drains queues and tells everyone concerned: the assigned conversations' participants, the waiting visitors. */
@ApplicationScoped
public class QueueDispatcher {
    private final ConversationRouter router;
    private final QueuePositions positions;
    private final FanoutPublisher publisher;

    public QueueDispatcher(ConversationRouter router, QueuePositions positions, FanoutPublisher publisher) {
        this.router = router;
        this.positions = positions;
        this.publisher = publisher;
    }

    public Uni<Void> dispatch(Collection<QueueRef> queues) {
        // One queue after the other, as the inbound path does: side by side, each decision waits behind the
        // others' replies. One queue failing (a lost connection, a broken entry) must not stop the others.
        return Multi.createFrom().iterable(queues)
                .onItem().transformToUniAndConcatenate(queue -> dispatch(queue).onFailure().recoverWithItem(failure -> {
                    Log.warnf("draining %s failed: %s", queue, failure.toString());
                    return null;
                }))
                .collect().last().replaceWithVoid();
    }

    public Uni<Void> dispatch(QueueRef queue) {
        return router.drain(queue).chain(assigned -> positions.changed(queue).chain(waiting -> {
            FanoutPublisher.Batch batch = publisher.batch();
            for (ConversationRow row : assigned) {
                batch.conversation(row);
            }
            waiting.forEach(batch::queuePlace);
            return batch.send();
        }));
    }
}
