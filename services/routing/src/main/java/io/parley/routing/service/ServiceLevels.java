package io.parley.routing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Service-level measurements: how long conversations waited in the queue, until the first human answer, and
 * until closed (histograms), and breaches of the tenant's targets ({@code sla_policy}) as
 * {@code parley_sla_violations_total{tenant,kind}}. A breach is counted exactly once: by the sweep as soon as
 * the target passes unanswered (or unresolved), or at the answer or close itself, whichever comes first; a
 * flag on the conversation row decides, atomically.
 */
@ApplicationScoped
public class ServiceLevels {
    private final Pool pool;
    private final MeterRegistry registry;
    private final Timer queueWait;
    private final Timer firstResponse;
    private final Timer resolution;

    public ServiceLevels(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
        this.queueWait = Timer.builder("parley_queue_wait_seconds").description("queued -> assigned")
                .publishPercentileHistogram().register(registry);
        this.firstResponse = Timer.builder("parley_first_response_seconds")
                .description("conversation created -> first agent message").publishPercentileHistogram()
                .register(registry);
        this.resolution = Timer.builder("parley_resolution_seconds").description("conversation created -> closed")
                .publishPercentileHistogram().register(registry);
    }

    public void queued(double seconds) {
        queueWait.record(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** Marks the first human answer of these conversations (if still unanswered) and measures it. */
    public Uni<Void> answered(List<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                UPDATE conversation c SET first_response_at = now()
                WHERE c.id = ANY($1) AND c.first_response_at IS NULL
                RETURNING c.id, extract(epoch FROM now() - c.created_at)::float8 AS seconds""")
                .execute(Tuple.of((Object) conversationIds.toArray(String[]::new)))
                .invoke(rows -> rows.forEach(row -> firstResponse.record(seconds(row))))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem() : breaches("first_response",
                        "c.first_response_at IS NOT NULL AND c.first_response_at > c.created_at "
                                + "+ make_interval(secs => p.first_response_sec)", idsOf(rows)));
    }

    /** Measures a close and counts a resolution breach if the target had passed. */
    public Uni<Void> closed(String conversationId, double secondsOpen) {
        resolution.record(Duration.ofMillis(Math.round(secondsOpen * 1000)));
        return breaches("resolution", "c.closed_at > c.created_at + make_interval(secs => p.resolution_sec)",
                new String[] { conversationId });
    }

    /** Targets that passed while waiting: counted now rather than when (or if) the answer finally comes. */
    @Scheduled(every = "${parley.sla.sweep-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return breaches("first_response", "c.first_response_at IS NULL AND c.status <> 'closed' AND now() > "
                + "c.created_at + make_interval(secs => p.first_response_sec)", null)
                .chain(() -> breaches("resolution", "c.status <> 'closed' AND now() > c.created_at "
                        + "+ make_interval(secs => p.resolution_sec)", null));
    }

    /** Flags (once) and counts the conversations matching {@code condition} against their tenant's policy. */
    private Uni<Void> breaches(String kind, String condition, String[] ids) {
        String target = kind.equals("first_response") ? "p.first_response_sec" : "p.resolution_sec";
        String flag = kind + "_breached";
        return pool.preparedQuery("UPDATE conversation c SET " + flag + " = true FROM sla_policy p"
                + " WHERE p.tenant_id = c.tenant_id AND p.priority = c.priority AND " + target + " IS NOT NULL"
                + " AND NOT c." + flag + " AND ($1::text[] IS NULL OR c.id = ANY($1)) AND " + condition
                + " RETURNING c.tenant_id")
                .execute(Tuple.of((Object) ids))
                .invoke(rows -> rows.forEach(row -> registry.counter("parley_sla_violations_total",
                        "tenant", row.getString("tenant_id"), "kind", kind).increment()))
                .replaceWithVoid();
    }

    private static Duration seconds(Row row) {
        return Duration.ofMillis(Math.round(row.getDouble("seconds") * 1000));
    }

    private static String[] idsOf(RowSet<Row> rows) {
        String[] ids = new String[rows.size()];
        int i = 0;
        for (Row row : rows) {
            ids[i++] = row.getString("id");
        }
        return ids;
    }
}
