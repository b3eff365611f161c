package io.parley.routing.report;

import io.parley.routing.config.RoutingConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Adds up the reports' figures (table {@code report_day}, migration V26) from conversations and presence samples:
 * every {@code parley.reports.rollup-interval} the last {@code rollup-days} UTC days are recomputed whole (deleted
 * and written again in one transaction), so a late close, rating or breach lands on its day; the first run with no
 * figures at all covers {@code backfill-days}. One replica at a time (a transaction-scoped advisory lock; the others
 * skip that round).
 */
@ApplicationScoped
public class ReportRollup {
    private static final Logger LOG = Logger.getLogger(ReportRollup.class);
    /** pg_try_advisory_xact_lock key: "parley reports" (any constant shared by all replicas). */
    private static final long LOCK = 0x7061726c6579_01L;

    /**
     * Every source row becomes one row of the same shape, then they are grouped by tenant, day, group and agent:
     * opened that day, closed that day, rated that day, and (agents only) online minutes.
     */
    static final String ROLLUP = """
            INSERT INTO report_day (tenant_id, day, group_id, agent_id, opened, first_responses, first_response_sec,
                bot_started, bot_handoffs, first_response_breaches, closed, resolution_sec, bot_resolved,
                resolution_breaches, csat_count, csat_sum, online_sec, busy_sec)
            SELECT tenant_id, day, group_id, agent_id, sum(opened), sum(first_responses), sum(first_response_sec),
                   sum(bot_started), sum(bot_handoffs), sum(first_response_breaches), sum(closed), sum(resolution_sec),
                   sum(bot_resolved), sum(resolution_breaches), sum(csat_count), sum(csat_sum), sum(online_sec),
                   sum(busy_sec)
            FROM (
                SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date AS day, coalesce(group_id, '') AS group_id,
                       coalesce(assignee_id, '') AS agent_id, 1 AS opened,
                       (first_response_at IS NOT NULL)::int AS first_responses,
                       coalesce(extract(epoch FROM first_response_at - created_at), 0)::bigint AS first_response_sec,
                       (bot_id IS NOT NULL)::int AS bot_started, (handoff IS NOT NULL)::int AS bot_handoffs,
                       first_response_breached::int AS first_response_breaches, 0 AS closed, 0::bigint AS resolution_sec,
                       0 AS bot_resolved, 0 AS resolution_breaches, 0 AS csat_count, 0 AS csat_sum,
                       0::bigint AS online_sec, 0::bigint AS busy_sec
                FROM conversation WHERE created_at >= $1 AND created_at < $2
                UNION ALL
                SELECT tenant_id, (closed_at AT TIME ZONE 'UTC')::date, coalesce(group_id, ''), coalesce(assignee_id, ''),
                       0, 0, 0, 0, 0, 0, 1, extract(epoch FROM closed_at - created_at)::bigint,
                       (bot_id IS NOT NULL AND assigned_at IS NULL AND handoff IS NULL)::int, resolution_breached::int,
                       0, 0, 0, 0
                FROM conversation WHERE closed_at >= $1 AND closed_at < $2
                UNION ALL
                SELECT tenant_id, (csat_at AT TIME ZONE 'UTC')::date, coalesce(group_id, ''), coalesce(assignee_id, ''),
                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, csat_score, 0, 0
                FROM conversation WHERE csat_at >= $1 AND csat_at < $2
                UNION ALL
                SELECT tenant_id, (minute AT TIME ZONE 'UTC')::date, '', agent_id,
                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, CASE WHEN busy THEN 60 ELSE 0 END
                FROM agent_presence_minute WHERE minute >= $1 AND minute < $2
            ) facts
            GROUP BY tenant_id, day, group_id, agent_id""";

    private final Pool pool;
    private final PresenceSampler sampler;
    private final RoutingConfig.Reports config;
    private final AtomicBoolean backfilled = new AtomicBoolean();

    public ReportRollup(Pool pool, PresenceSampler sampler, RoutingConfig config) {
        this.pool = pool;
        this.sampler = sampler;
        this.config = config.reports();
    }

    @Scheduled(every = "${parley.reports.rollup-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        return sampler.sample()
                .onFailure().invoke(e -> LOG.warnf("presence sample failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> days())
                .chain(days -> rollup(tomorrow.minusDays(days), tomorrow))
                .onFailure().invoke(e -> LOG.warnf("report rollup failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The regular window, or the backfill window once when no figures exist yet. */
    private Uni<Integer> days() {
        if (backfilled.get()) {
            return Uni.createFrom().item(config.rollupDays());
        }
        return pool.query("SELECT EXISTS (SELECT 1 FROM report_day)").execute().map(rows -> {
            backfilled.set(true);
            return rows.iterator().next().getBoolean(0) ? config.rollupDays() : config.backfillDays();
        });
    }

    /** Recomputes the days in [from, to); false when another replica held the lock. */
    public Uni<Boolean> rollup(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.atStartOfDay().atOffset(ZoneOffset.UTC);
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(false)
                        : tx.preparedQuery("DELETE FROM report_day WHERE day >= $1 AND day < $2")
                                .execute(Tuple.of(from, to))
                                .chain(() -> tx.preparedQuery(ROLLUP).execute(Tuple.of(start, end)))
                                .chain(() -> tx.query("DELETE FROM agent_presence_minute WHERE minute < now() - interval '2 days'")
                                        .execute())
                                .replaceWith(true)));
    }
}
