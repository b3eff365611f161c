package io.parley.routing.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.RedisKeys;
import io.parley.routing.TestStores;
import io.parley.routing.service.QueueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An agent who becomes available is handed the waiting conversation because a gateway said so on
 * {@code parley:agents:available}, not because a sweep came by: sweeps are turned off here (once an hour), so
 * the conversation stays queued until the notice is published.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
@TestProfile(AgentAvailabilityTest.NoSweeps.class)
class AgentAvailabilityTest {
    public static class NoSweeps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.queue.sweep-interval", "1h");
        }
    }

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @Inject
    QueueStore queues;

    String status(String conversation) {
        return pool.preparedQuery("SELECT status FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(conversation)).iterator().next().getString(0);
    }

    @Test
    void anAgentWhoBecomesAvailableIsHandedTheWaitingConversationAtOnce() throws Exception {
        String tenant = "avail-" + UUID.randomUUID().toString().substring(0, 8);
        String conversation = tenant + "-c1";
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, priority, queued_at)
                VALUES ($1, $2, 'visitor-1', 'queued', 0, $3)""")
                .executeAndAwait(Tuple.of(conversation, tenant, OffsetDateTime.now(ZoneOffset.UTC)));
        queues.enqueue(List.of(conversation)).await().atMost(Duration.ofSeconds(10));

        // Online, but nobody has said so: with no sweep, nothing hands the conversation out.
        redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), System.currentTimeMillis(), "alice");
        Thread.sleep(1_500);
        assertEquals("queued", status(conversation));

        // The gateway's notice. Repeated until it lands: the listener's subscription is made asynchronously at
        // start-up, and a repeated notice only drains an empty queue again.
        long deadline = System.currentTimeMillis() + 15_000;
        while (!status(conversation).equals("assigned") && System.currentTimeMillis() < deadline) {
            redis.pubsub(String.class).publish(RedisKeys.AGENT_AVAILABLE_CHANNEL, tenant);
            Thread.sleep(300);
        }
        assertEquals("assigned", status(conversation));
        assertEquals("alice", pool.preparedQuery("SELECT assignee_id FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(conversation)).iterator().next().getString(0));
        assertEquals(1L, redis.hash(Long.class).hget(RedisKeys.agentLoad(tenant), "alice"));
    }
}
