package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    public Uni<Set<String>> onDuty(Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> asked = List.copyOf(new HashSet<>(tenants));
        // One pipelined EXISTS per tenant rather than MGET: the keys live in different Redis Cluster slots.
        List<Request> gets = asked.stream().map(t -> Request.cmd(Command.EXISTS).arg(RedisKeys.botOnDuty(t)))
                .toList();
        return redis.batch(gets).map(replies -> {
            Set<String> withBot = new HashSet<>();
            for (int i = 0; i < replies.size(); i++) {
                Response exists = replies.get(i);
                if (exists != null && exists.toInteger() == 1) {
                    withBot.add(asked.get(i));
                }
            }
            return withBot;
        });
    }
}
