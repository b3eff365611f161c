package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.RedisKeys;
import io.parley.common.event.ConversationChanged;
import io.parley.routing.TestStores;
import io.parley.routing.domain.QueuedConversation;
import io.parley.routing.domain.QueueRef;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router's decisions on the real Redis and PostgreSQL: 200 waiting conversations (every seventh a VIP),
 * 10 agents of capacity 3, several drains racing each other (plus this process's own queue sweeper, a third
 * router). After every round: no agent above capacity, the assigned set is exactly a prefix of VIP-then-FIFO
 * order, and the positions announced for the rest are 1..n in that order. Capacity is freed the way a closed
 * conversation frees it (status closed + load released) until everyone has been served.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class ConversationRouterTest {
    static final int CONVERSATIONS = 200;
    static final int AGENTS = 10;
    static final int CAPACITY = 3;
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @Inject
    ConversationRouter router;
    @Inject
    QueueStore queues;
    @Inject
    QueuePositions positions;
    @Inject
    AgentCapacity agents;

    String tenant;
    QueueRef queue;
    List<String> expectedOrder;

    @BeforeEach
    void team() {
        tenant = "route-" + UUID.randomUUID().toString().substring(0, 8);
        queue = new QueueRef(tenant, QueuedConversation.WHOLE_TEAM);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        for (int a = 0; a < AGENTS; a++) {
            pool.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, capacity, rating) VALUES ($1, $2, $3, $4)")
                    .executeAndAwait(Tuple.of(tenant, "agent-" + a, CAPACITY, new java.math.BigDecimal(a % 5)));
        }
    }

    /** Presence as the gateways write it: a fresh heartbeat for every agent. */
    void agentsComeOnline() {
        long now = System.currentTimeMillis();
        for (int a = 0; a < AGENTS; a++) {
            redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now, "agent-" + a);
        }
    }

    /** Inserts the waiting conversations; returns their ids in the order the queue must serve them. */
    List<String> waitingConversations() {
        OffsetDateTime base = OffsetDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC);
        List<String> ids = new ArrayList<>();
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            String id = tenant + "-c" + i;
            boolean vip = i % 7 == 3;
            pool.preparedQuery("""
                    INSERT INTO conversation (id, tenant_id, visitor_id, status, priority, queued_at)
                    VALUES ($1, $2, $3, 'queued', $4, $5)""")
                    .executeAndAwait(Tuple.of(id, tenant, "visitor-" + i, vip ? 1 : 0, base.plusNanos(i * 1_000_000L)));
            ids.add(id);
            rank.put(id, (vip ? 0 : CONVERSATIONS) + i);
        }
        return ids.stream().sorted(Comparator.comparingInt(rank::get)).toList();
    }

    /** Four routers at once: each enqueues a share (in reverse order) and drains. */
    void raceRouters(List<String> toEnqueue) {
        List<Uni<List<io.parley.routing.domain.ConversationRow>>> routers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            int shard = r;
            List<String> share = IntStream.range(0, toEnqueue.size()).filter(i -> i % 4 == shard)
                    .mapToObj(toEnqueue::get).toList();
            routers.add(queues.enqueue(share.reversed()).chain(() -> router.drain(queue)));
        }
        Uni.join().all(routers).andFailFast().await().atMost(WAIT);
    }

    Map<String, String> assignments() {
        Map<String, String> result = new HashMap<>();
        for (Row row : pool.preparedQuery(
                "SELECT id, assignee_id FROM conversation WHERE tenant_id = $1 AND status = 'assigned'")
                .executeAndAwait(Tuple.of(tenant))) {
            result.put(row.getString("id"), row.getString("assignee_id"));
        }
        return result;
    }

    /**
     * The invariants, checked once the routers are quiet. The sweeper's drains are not joined by the test, so
     * one may have claimed an agent in Redis with its PostgreSQL write still in flight: the load counters must
     * match the assignments within a few seconds, and no agent may ever hold more than capacity.
     */
    void assertConsistent(Set<String> served) throws InterruptedException {
        Map<String, String> assigned;
        Map<String, Long> perAgent;
        Map<String, Long> loads;
        long deadline = System.currentTimeMillis() + 5_000;
        do {
            assigned = assignments();
            perAgent = assigned.values().stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
            perAgent.forEach((agent, n) -> assertTrue(n <= CAPACITY, agent + " holds " + n));
            loads = redis.hash(Long.class).hgetall(RedisKeys.agentLoad(tenant));
            loads.values().removeIf(load -> load == 0);
            if (loads.equals(perAgent)) {
                break;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        assertEquals(perAgent, loads, "load counters against assignments");
        Set<String> everServed = new java.util.HashSet<>(served);
        everServed.addAll(assigned.keySet());
        int k = everServed.size();
        assertEquals(Set.copyOf(expectedOrder.subList(0, k)), everServed,
                "exactly the first " + k + " in VIP-then-FIFO order were served");
        List<ConversationChanged> places = positions.of(queue).await().atMost(WAIT);
        assertEquals(expectedOrder.subList(k, expectedOrder.size()),
                places.stream().map(ConversationChanged::conversationId).toList(), "queue order");
        for (int i = 0; i < places.size(); i++) {
            assertEquals(i + 1, places.get(i).position());
            assertTrue(places.get(i).etaSec() >= 0);
        }
    }

    @Test
    void capacityIsNeverExceededAndTheQueueIsServedVipFirstThenInArrivalOrder() throws InterruptedException {
        expectedOrder = waitingConversations();
        // Everyone arrives (concurrently, out of order) while no agent is online: nothing can be served yet.
        raceRouters(expectedOrder);
        assertEquals(0, assignments().size());
        agentsComeOnline();
        raceRouters(List.of());
        assertEquals(AGENTS * CAPACITY, assignments().size(), "every agent filled up");
        Set<String> closed = new java.util.HashSet<>();
        assertConsistent(closed);

        // Agents finish conversations in uneven batches; each time the next heads are assigned, in order.
        int round = 0;
        while (closed.size() + assignments().size() < CONVERSATIONS || !assignments().isEmpty()) {
            assertTrue(round++ < 200, "not everyone was served");
            Map<String, String> assigned = assignments();
            List<String> finishing = assigned.keySet().stream().sorted().limit(1 + round % 7).toList();
            for (String id : finishing) {
                pool.preparedQuery("UPDATE conversation SET status = 'closed' WHERE id = $1")
                        .executeAndAwait(Tuple.of(id));
                agents.release(tenant, assigned.get(id)).await().atMost(WAIT);
                closed.add(id);
            }
            agentsComeOnline(); // keep heartbeats fresh, as gateways do
            raceRouters(List.of());
            assertConsistent(closed);
        }
        assertEquals(CONVERSATIONS, closed.size());
    }
}
