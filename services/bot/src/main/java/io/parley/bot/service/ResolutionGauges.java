package io.parley.bot.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How each bot did with the conversations it started in the last 7 days, from the conversation table (routing
 * records the bot a conversation started with, its handoff, assignee and close time):
 *
 * <ul>
 * <li>{@code resolved}: closed without a handoff, no agent ever had it, and not reopened within 24 h of closing;</li>
 * <li>{@code handed_off}: the bot handed it to the team;</li>
 * <li>{@code reopened}: closed without a handoff, then back with the team (the visitor wrote again);</li>
 * <li>{@code pending}: still with the bot, or closed less than 24 h ago.</li>
 * </ul>
 *
 * Published as gauges {@code parley_bot_conversations{bot,outcome}} and {@code parley_bot_resolution_rate{bot}}
 * = resolved / (resolved + handed_off + reopened). Every bot process computes the same values (dashboards take
 * one, e.g. max).
 */
@ApplicationScoped
public class ResolutionGauges {
    static final String[] OUTCOMES = { "resolved", "handed_off", "reopened", "pending" };

    private final Pool pool;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, double[]> rates = new ConcurrentHashMap<>();

    public ResolutionGauges(Pool pool, MeterRegistry meters) {
        this.pool = pool;
        this.meters = meters;
    }

    @Scheduled(every = "${parley.bot.resolution-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            Log.warnf("bot resolution gauges not refreshed: %s", e.getMessage());
        }
    }

    /** Recomputes every bot's gauges now. */
    public void refresh() {
        for (Row row : pool.query("""
                SELECT bot_id,
                       count(*) FILTER (WHERE handoff IS NOT NULL) AS handed_off,
                       count(*) FILTER (WHERE handoff IS NULL AND status = 'closed' AND assignee_id IS NULL
                                          AND closed_at < now() - interval '24 hours') AS resolved,
                       count(*) FILTER (WHERE handoff IS NULL AND (status = 'bot' OR (status = 'closed'
                                          AND assignee_id IS NULL AND closed_at >= now() - interval '24 hours')))
                           AS pending,
                       count(*) AS total
                FROM conversation
                WHERE bot_id IS NOT NULL AND created_at >= now() - interval '7 days'
                GROUP BY bot_id""").executeAndAwait()) {
            String bot = row.getString("bot_id");
            long handedOff = row.getLong("handed_off");
            long resolved = row.getLong("resolved");
            long pending = row.getLong("pending");
            long reopened = row.getLong("total") - handedOff - resolved - pending;
            long[] values = { resolved, handedOff, reopened, pending };
            for (int i = 0; i < OUTCOMES.length; i++) {
                gauge(bot, OUTCOMES[i]).set(values[i]);
            }
            long decided = resolved + handedOff + reopened;
            rate(bot)[0] = decided == 0 ? Double.NaN : (double) resolved / decided;
        }
    }

    private AtomicLong gauge(String bot, String outcome) {
        return counts.computeIfAbsent(bot + '\u0000' + outcome, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("parley.bot.conversations", value, AtomicLong::get).tag("bot", bot).tag("outcome", outcome)
                    .description("conversations the bot started in the last 7 days, by outcome").register(meters);
            return value;
        });
    }

    private double[] rate(String bot) {
        return rates.computeIfAbsent(bot, b -> {
            double[] value = { Double.NaN };
            Gauge.builder("parley.bot.resolution.rate", value, v -> v[0]).tag("bot", b)
                    .description("resolved / (resolved + handed_off + reopened), last 7 days").register(meters);
            return value;
        });
    }
}
