package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Which tenants have a bot on duty right now: bot processes keep {@link RedisKeys#botOnDuty} alive with a short
 * TTL. Asked once per batch that opens conversations, so a tenant whose bot service stops is served by the team
 * within seconds instead of waiting on a bot that never answers.
 */
@ApplicationScoped
public class BotPresence {
    private final Redis redis;

    public BotPresence(Redis redis) {
        this.redis = redis;
    }

    /** Tenant -> id of the bot on duty for it, for those of {@code tenants} that have one. */
    public Uni<Map<String, String>> onDuty(Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> asked = List.copyOf(new HashSet<>(tenants));
        // One pipelined GET per tenant rather than MGET: the keys live in different Redis Cluster slots.
        List<Request> gets = asked.stream().map(t -> Request.cmd(Command.GET).arg(RedisKeys.botOnDuty(t))).toList();
        return redis.batch(gets).map(replies -> {
            Map<String, String> bots = new HashMap<>();
            for (int i = 0; i < replies.size(); i++) {
                Response bot = replies.get(i);
                if (bot != null) {
                    bots.put(asked.get(i), bot.toString());
                }
            }
            return bots;
        });
    }
}
