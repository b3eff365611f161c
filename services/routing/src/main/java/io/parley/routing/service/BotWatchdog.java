package io.parley.routing.service;

import io.parley.common.model.Handoff;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A conversation waits for its bot only while a bot serves its tenant. Every
 * {@code parley.bot-watch.interval}, conversations still with the bot whose tenant has no bot on duty (every bot
 * process stopped for a whole TTL) are handed to the team as if the bot had done it, reason
 * {@code bot_unavailable}: queued, or a message outside business hours. Nobody waits forever on a bot that is gone.
 */
@ApplicationScoped
public class BotWatchdog {
    static final Handoff UNAVAILABLE = new Handoff("bot_unavailable", List.of(), List.of(),
            "reason: bot_unavailable | the bot stopped answering; see the conversation so far");

    private final Pool pool;
    private final BotPresence presence;
    private final ActionProcessor actions;

    public BotWatchdog(Pool pool, BotPresence presence, ActionProcessor actions) {
        this.pool = pool;
        this.presence = presence;
        this.actions = actions;
    }

    @Scheduled(every = "${parley.bot-watch.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> watch() {
        // Overlapping watches are skipped, so one that hangs would end them all: give up after 30 s.
        return orphans().ifNoItem().after(Duration.ofSeconds(30)).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("bot watch failed: %s", e.toString());
                    return 0;
                }).replaceWithVoid();
    }

    /** Hands over the conversations whose bot is gone; returns how many. */
    public Uni<Integer> orphans() {
        return pool.query("SELECT DISTINCT tenant_id FROM conversation WHERE status = 'bot'").execute()
                .chain(rows -> {
                    Set<String> tenants = new HashSet<>();
                    rows.forEach(row -> tenants.add(row.getString("tenant_id")));
                    return presence.onDuty(tenants).map(onDuty -> {
                        tenants.removeAll(onDuty.keySet());
                        return tenants;
                    });
                })
                .chain(abandoned -> abandoned.isEmpty() ? Uni.createFrom().item(List.<Row>of())
                        : pool.preparedQuery("""
                                SELECT id, tenant_id, coalesce(bot_id, 'bot') AS bot_id FROM conversation
                                WHERE status = 'bot' AND tenant_id = ANY($1) ORDER BY created_at LIMIT 500""")
                                .execute(Tuple.of((Object) abandoned.toArray(String[]::new)))
                                .map(rows -> {
                                    List<Row> list = new ArrayList<>();
                                    rows.forEach(list::add);
                                    return list;
                                }))
                .chain(orphans -> {
                    if (!orphans.isEmpty()) {
                        Log.warnf("%d conversations were waiting for a bot that no process serves: handing them over",
                                orphans.size());
                    }
                    return Multi.createFrom().iterable(orphans)
                            .onItem().transformToUniAndConcatenate(row -> actions.handOff(row.getString("tenant_id"),
                                    row.getString("id"), row.getString("bot_id"), UNAVAILABLE))
                            .collect().last().replaceWith(orphans.size());
                });
    }
}
