package io.parley.gateway.delivery;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One dedicated Redis connection in subscribe mode for all participant channels this gateway needs. Owning it
 * (instead of a client per channel) lets us resubscribe everything after Redis restarts and tell the dispatcher,
 * which then re-reads from PostgreSQL whatever was published while the connection was down. A channel stays
 * subscribed while anyone holds it: each open socket of the participant, each REST action waiting for its result.
 */
@ApplicationScoped
public class ParticipantChannels {
    private final Redis redis;
    /** Channel -> how many hold it (sockets, waiting REST actions). */
    private final Map<String, Integer> holders = new ConcurrentHashMap<>();
    /** Channel -> completed when Redis confirms the subscription (shared by concurrent subscribers). */
    private final Map<String, CompletableFuture<Void>> confirmations = new ConcurrentHashMap<>();
    private volatile Uni<RedisConnection> connection;
    private volatile BiConsumer<String, String> onMessage = (c, p) -> {
    };
    private volatile Runnable onReconnect = () -> {
    };
    private volatile boolean stopping;

    public ParticipantChannels(Redis redis) {
        this.redis = redis;
    }

    public void listen(BiConsumer<String, String> onMessage, Runnable onReconnect) {
        this.onMessage = onMessage;
        this.onReconnect = onReconnect;
    }

    /**
     * Holds the channel (subscribing on first hold). Completes once Redis confirmed the subscription, or after 3 s
     * whatever happened (a send that never completes, a lost confirmation): delivery then heals through gap-fill,
     * and the caller never hangs. Every call must be matched by one {@link #release}.
     */
    public Uni<Void> subscribe(String channel) {
        holders.merge(channel, 1, Integer::sum);
        return send(channel);
    }

    private Uni<Void> send(String channel) {
        // Registered before SUBSCRIBE is sent: the confirmation may be pushed before the send completes.
        CompletableFuture<Void> confirmed = confirmations.computeIfAbsent(channel, c -> new CompletableFuture<>());
        return Uni.createFrom().deferred(() -> {
            connection().chain(c -> c.send(Request.cmd(Command.SUBSCRIBE).arg(channel))).subscribe().with(reply -> {
                // Depending on the client's mode the confirmation comes as the reply or as a pushed message.
                if (reply != null) {
                    onResponse(reply);
                }
            }, e -> {
                Log.warnf("subscribe %s failed: %s", channel, e.getMessage());
                confirmations.remove(channel, confirmed);
                confirmed.complete(null);
            });
            return Uni.createFrom().completionStage(confirmed);
        }).ifNoItem().after(Duration.ofSeconds(3)).recoverWithItem(() -> {
            Log.warnf("no confirmation for subscription to %s", channel);
            confirmations.remove(channel, confirmed);
            return null;
        });
    }

    /** Lets go of the channel; the last holder unsubscribes. */
    public void release(String channel) {
        if (holders.merge(channel, -1, (a, b) -> a + b <= 0 ? null : a + b) != null) {
            return;
        }
        connection().chain(c -> c.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel))).subscribe().with(r -> {
        }, e -> Log.debugf("unsubscribe %s failed: %s", channel, e.getMessage()));
    }

    private synchronized Uni<RedisConnection> connection() {
        if (connection == null) {
            connection = redis.connect()
                    .invoke(c -> {
                        c.handler(this::onResponse);
                        c.exceptionHandler(e -> lost("error: " + e.getMessage()));
                        c.endHandler(() -> lost("closed"));
                    })
                    .onFailure().invoke(e -> lost("connect failed: " + e.getMessage()))
                    .memoize().indefinitely();
        }
        return connection;
    }

    private void onResponse(Response response) {
        if (response.type() != ResponseType.MULTI && response.type() != ResponseType.PUSH || response.size() < 2) {
            return;
        }
        String kind = response.get(0).toString();
        String channel = response.get(1).toString();
        if ("message".equals(kind) && response.size() >= 3) {
            onMessage.accept(channel, response.get(2).toString());
        } else if ("subscribe".equals(kind)) {
            CompletableFuture<Void> confirmed = confirmations.remove(channel);
            if (confirmed != null) {
                confirmed.complete(null);
            }
        }
    }

    private synchronized void lost(String why) {
        if (stopping || connection == null) {
            return;
        }
        Log.warnf("redis subscription connection %s; reconnecting", why);
        connection = null;
        Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500))
                .chain(() -> holders.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(holders.keySet().stream().map(this::send).toList()).andCollectFailures()
                                .onFailure().recoverWithNull().replaceWithVoid())
                .subscribe().with(x -> onReconnect.run(), e -> lost("resubscribe failed: " + e.getMessage()));
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
