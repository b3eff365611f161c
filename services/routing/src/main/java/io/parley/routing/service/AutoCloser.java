package io.parley.routing.service;

import io.parley.common.event.ConversationCommand;
import io.parley.common.model.Participant;
import io.parley.common.wire.ConversationActionKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Closes conversations nobody wrote in for the tenant's {@code auto_close_after_sec}, as the system: the same
 * action path as an agent's close (audit log, freed capacity, everyone told).
 */
@ApplicationScoped
public class AutoCloser {
    static final Participant SYSTEM = new Participant(Participant.Kind.SYSTEM, "auto-close", null);

    private final Pool pool;
    private final ActionProcessor processor;

    public AutoCloser(Pool pool, ActionProcessor processor) {
        this.pool = pool;
        this.processor = processor;
    }

    @Scheduled(every = "${parley.auto-close.sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return pool.query("""
                SELECT c.id, c.tenant_id FROM conversation c JOIN tenant t ON t.id = c.tenant_id
                WHERE c.status <> 'closed' AND t.auto_close_after_sec IS NOT NULL
                  AND c.updated_at < now() - make_interval(secs => t.auto_close_after_sec)
                ORDER BY c.updated_at LIMIT 500""").execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> processor.process(new ConversationCommand(
                        row.getString("tenant_id"), row.getString("id"), SYSTEM, true, ConversationActionKind.CLOSE,
                        null, null, "inactive", "auto-close-" + row.getString("id"), "routing",
                        System.currentTimeMillis())))
                .collect().last().replaceWithVoid();
    }
}
