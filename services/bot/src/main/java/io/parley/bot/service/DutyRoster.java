package io.parley.bot.service;

import io.parley.bot.config.BotServiceConfig;
import io.parley.common.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells routing which tenants this process serves: for every tenant with a valid bot, {@link RedisKeys#botOnDuty}
 * is set to the bot's id with a TTL of three refresh intervals. Routing starts new conversations with the bot only
 * while the key lives, so if every bot process stops, new visitors reach the team within one TTL.
 */
@ApplicationScoped
public class DutyRoster {
    private final BotRegistry registry;
    private final Redis redis;
    private final Duration interval;

    public DutyRoster(BotRegistry registry, Redis redis, BotServiceConfig config) {
        this.registry = registry;
        this.redis = redis;
        this.interval = config.dutyInterval();
    }

    @Scheduled(every = "${parley.bot.duty-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void report() {
        Map<String, String> botByTenant = new LinkedHashMap<>();
        for (BotDirectory.Status status : registry.directory().statuses()) {
            if (status.serving() != null) {
                // statuses() is sorted by folder name: the first bot naming a tenant serves it (as forTenant does).
                botByTenant.putIfAbsent(status.serving().bot().settings().tenant(), status.id());
            }
        }
        if (botByTenant.isEmpty()) {
            return;
        }
        long ttlMillis = interval.toMillis() * 3;
        List<Request> sets = new ArrayList<>();
        botByTenant.forEach((tenant, bot) -> sets.add(Request.cmd(Command.SET).arg(RedisKeys.botOnDuty(tenant))
                .arg(bot).arg("PX").arg(ttlMillis)));
        redis.batch(sets).subscribe().with(ok -> {
        }, e -> Log.warnf("could not report bots on duty: %s", e.getMessage()));
    }
}
