package io.parley.routing.service;

import io.parley.routing.domain.QueueRef;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The safety net under event-driven routing, every {@code parley.queue.sweep-interval}: moves conversations that
 * waited past their tenant's limit into tickets ({@link OfflineDesk#takeLongWaits}), re-adds queued
 * conversations Redis does not hold (after a Redis restart, or a router that died mid-decision), drains every
 * queue (agents who came online, skills that relaxed with time) and refreshes waiting visitors' positions and
 * estimated waits.
 */
@ApplicationScoped
public class QueueSweeper {
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(30);
    private final Pool pool;
    private final QueueStore queues;
    private final QueueDispatcher dispatcher;
    private final OfflineDesk offlineDesk;

    public QueueSweeper(Pool pool, QueueStore queues, QueueDispatcher dispatcher, OfflineDesk offlineDesk) {
        this.offlineDesk = offlineDesk;
        this.pool = pool;
        this.queues = queues;
        this.dispatcher = dispatcher;
    }

    // The first sweep comes one interval after start, like every later one (so "once an hour" means that).
    @Scheduled(every = "${parley.queue.sweep-interval:2s}", delayed = "${parley.queue.sweep-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return offlineDesk.takeLongWaits()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("moving long waits to tickets failed: %s", failure.toString());
                    return null;
                })
                // Only conversations queued a while ago: a new one is enqueued by its own router moments after
                // its commit, or taken out of routing (closed hours) just as quickly, and re-adding it in that
                // instant would leave a stale entry that counts in the positions of everyone behind it.
                .chain(() -> pool.query("""
                        SELECT id FROM conversation
                        WHERE status = 'queued' AND queued_at < now() - interval '5 seconds'
                        ORDER BY queued_at LIMIT 5000""").execute())
                .chain(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return queues.enqueue(ids);
                })
                // the queues just re-filled plus every queue registered as non-empty (emptied ones are pruned after)
                .chain(refilled -> queues.allQueues().map(all -> {
                    Set<QueueRef> both = new LinkedHashSet<>(refilled);
                    both.addAll(all);
                    return both;
                }))
                .chain(all -> dispatcher.dispatch(all).chain(() -> queues.pruneEmpty(all)))
                // Overlapping sweeps are skipped, so one that hangs (a reply that never comes) would end them all.
                .ifNoItem().after(SWEEP_TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("queue sweep failed: %s", failure.toString());
                    return null;
                });
    }
}
