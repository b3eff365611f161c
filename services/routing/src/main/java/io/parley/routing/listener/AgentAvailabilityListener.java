package io.parley.routing.listener;

import io.parley.common.RedisKeys;
import io.parley.routing.service.QueueStore;
import io.parley.routing.service.QueueDispatcher;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An agent who connects or comes back from away gets the conversations waiting for them at once: gateways
 * publish the tenant on {@link RedisKeys#AGENT_AVAILABLE_CHANNEL} and every routing process drains that tenant's
 * queues (claims are atomic, so several routers draining together is safe). A missed notice (Redis reconnecting)
 * costs at most one queue sweep.
 */
@ApplicationScoped
public class AgentAvailabilityListener {
    private final ReactiveRedisDataSource redis;
    private final QueueStore queues;
    private final QueueDispatcher dispatcher;
    /** Tenant -> whether another notice came while its drain ran (then it drains once more, not once per notice). */
    private final Map<String, Boolean> draining = new ConcurrentHashMap<>();
    private volatile Cancellable subscription;

    public AgentAvailabilityListener(ReactiveRedisDataSource redis, QueueStore queues,
            QueueDispatcher dispatcher) {
        this.redis = redis;
        this.queues = queues;
        this.dispatcher = dispatcher;
    }

    void subscribe(@Observes StartupEvent started) {
        subscription = redis.pubsub(String.class).subscribe(RedisKeys.AGENT_AVAILABLE_CHANNEL)
                .subscribe().with(this::agentAvailable,
                        failure -> Log.warnf("agent availability notices stopped (sweeps still drain): %s",
                                failure.toString()));
    }

    @PreDestroy
    void unsubscribe() {
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    void agentAvailable(String tenant) {
        if (draining.putIfAbsent(tenant, Boolean.FALSE) != null) {
            draining.put(tenant, Boolean.TRUE); // a drain is running: run one more after it
            return;
        }
        drain(tenant);
    }

    private void drain(String tenant) {
        queues.queuesOf(tenant).chain(dispatcher::dispatch).subscribe().with(done -> drained(tenant), failure -> {
            Log.warnf("draining %s's queues for an available agent failed: %s", tenant, failure.toString());
            drained(tenant);
        });
    }

    private void drained(String tenant) {
        if (!draining.remove(tenant, Boolean.FALSE)) {
            draining.put(tenant, Boolean.FALSE);
            drain(tenant);
        }
    }
}
