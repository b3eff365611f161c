package io.parley.routing.service;

import io.parley.routing.config.RoutingConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.VertxOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An event loop and Redis client used by routing decisions only. A drain is a chain of Redis replies, each
 * decision waiting for the reply before it. On Quarkus' shared event loops every reply queued behind whatever
 * else that loop was doing (PostgreSQL results, Kafka batches, fan-out), and that wait was most of the
 * decision tail: p99 2.0-3.5 ms there, 1.4-2.0 ms on a loop of their own (docs/benchmarks.md). Vert.x gives
 * no way to reserve one of its loops, so this is a second Vert.x instance of one event loop thread, connected
 * to the same Redis ({@code quarkus.redis.hosts}).
 */
@ApplicationScoped
public class DecisionLoop {
    static final String THREAD_NAME = "routing-decision-loop";

    private final Vertx vertx;
    private final Redis redis;

    public DecisionLoop(@ConfigProperty(name = "quarkus.redis.hosts") String redisUrl,
            RoutingConfig config) {
        int connections = config.routing().decisionConnections();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        // a burst of drains (sweep, availability notices, inbound) waits for a connection rather than failing
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setMaxPoolSize(connections).setMaxPoolWaiting(1024));
        // both instances would call their first loop "vert.x-eventloop-thread-0": name this one in thread dumps
        vertx.getOrCreateContext().runOnContext(() -> Thread.currentThread().setName(THREAD_NAME));
    }

    /** The client whose replies arrive on this loop. */
    public Redis redis() {
        return redis;
    }

    /**
     * Continues {@code decided} where the caller was (its Vert.x context), so that what follows the decisions
     * (PostgreSQL writes, fan-out) runs on Quarkus' loops and never holds up the next decision here.
     */
    public static <T> Uni<T> backToCaller(Uni<T> decided) {
        Context caller = io.vertx.core.Vertx.currentContext();
        return caller == null ? decided : decided.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    @PreDestroy
    void close() {
        redis.close();
        vertx.close().subscribe().with(ignored -> { }, failure -> Log.warnf("closing the decision loop: %s", failure));
    }
}
