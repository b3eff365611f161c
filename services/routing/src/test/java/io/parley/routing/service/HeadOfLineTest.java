package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.RedisKeys;
import io.parley.common.event.ConversationChanged;
import io.parley.routing.TestStores;
import io.parley.routing.domain.QueueRef;
import io.parley.routing.domain.QueuedConversation;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conversation nobody can take holds back nobody else, on the real Redis and PostgreSQL. The demo's case: the
 * bot hands over asking for a skill no agent has; the conversations behind it go to the idle agent at once, the
 * skill shows up in a metric, and once the request relaxes the agent gets it with a note of what it asked for.
 * Order still holds where it matters: an agent who can take the older conversation gets it first, and a VIP asking
 * for a skill comes before an older visitor asking for none.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class HeadOfLineTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @Inject
    QueueStore queues;
    @Inject
    QueuePositions positions;
    @Inject
    ConversationRouter router;
    @Inject
    MeterRegistry registry;

    String tenant;
    QueueRef queue;

    @BeforeEach
    void tenant() {
        tenant = "hol-" + UUID.randomUUID().toString().substring(0, 8);
        queue = new QueueRef(tenant, QueuedConversation.WHOLE_TEAM);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
    }

    void agent(String id, int capacity, String... skills) {
        pool.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, capacity, rating, skills) VALUES ($1, $2, $3, $4, $5)")
                .executeAndAwait(Tuple.of(tenant, id, capacity, BigDecimal.ONE, skills));
        redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), System.currentTimeMillis(), id);
    }

    /** A conversation waiting since {@code secondsAgo}, asking for {@code skills}. */
    String waiting(String name, int secondsAgo, boolean vip, String... skills) {
        String id = tenant + "-" + name;
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, priority, queued_at, requested_skills)
                VALUES ($1, $2, $3, 'queued', $4, $5, $6)""")
                .executeAndAwait(Tuple.of(id, tenant, "visitor-" + name, vip ? 1 : 0,
                        OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(secondsAgo), skills));
        return id;
    }

    void drain(String... conversations) {
        queues.enqueue(List.of(conversations)).await().atMost(WAIT);
        router.drain(queue).await().atMost(WAIT);
    }

    /** conversation -> assignee, for those assigned. */
    Map<String, String> assigned() {
        Map<String, String> result = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT id, assignee_id FROM conversation WHERE tenant_id = $1 AND status = 'assigned'")
                .executeAndAwait(Tuple.of(tenant))) {
            result.put(row.getString("id"), row.getString("assignee_id"));
        }
        return result;
    }

    double unstaffedCount() {
        Counter counter = registry.find("parley_routing_unstaffed_skill_total").tag("tenant", tenant).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aConversationAskingForASkillNobodyHasDoesNotHoldBackTheOnesBehindIt() {
        agent("alice", 5);
        String returns = waiting("returns", 10, false, "after-sales");
        String hello = waiting("hello", 5, false);
        String later = waiting("later", 1, false);
        drain(returns, hello, later);

        assertEquals(Map.of(hello, "alice", later, "alice"), assigned(), "alice is idle: she gets both at once");
        List<ConversationChanged> line = positions.of(queue).await().atMost(WAIT);
        assertEquals(List.of(returns), line.stream().map(ConversationChanged::conversationId).toList());
        assertEquals(1.0, unstaffedCount(), "the skill nobody has is counted");
        router.drain(queue).await().atMost(WAIT);
        assertEquals(1.0, unstaffedCount(), "once per conversation, however often its queue is drained");
    }

    @Test
    void onceItsSkillsRelaxItGoesToAnAgentWhoIsToldWhatItAskedFor() {
        agent("alice", 1);
        String returns = waiting("returns", 200, false, "after-sales"); // past the 120 s default
        String hello = waiting("hello", 5, false);
        drain(returns, hello);

        assertEquals(Map.of(returns, "alice"), assigned(), "the older one first; alice is then full");
        Row row = pool.preparedQuery("SELECT unmatched_skills FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(returns)).iterator().next();
        assertEquals(List.of("after-sales"), Arrays.asList(row.getArrayOfStrings(0)));
        assertEquals(0.0, unstaffedCount(), "relaxed: no longer waiting for the skill");
    }

    @Test
    void anAgentWhoCanTakeTheOlderConversationGetsItFirst() {
        agent("carol", 1, "billing");
        String invoice = waiting("invoice", 10, false, "billing");
        String hello = waiting("hello", 5, false);
        drain(invoice, hello);
        assertEquals(Map.of(invoice, "carol"), assigned());
        assertEquals(0.0, unstaffedCount());
    }

    @Test
    void aVipAskingForASkillComesBeforeAnOlderVisitorAskingForNone() {
        agent("carol", 1, "billing");
        String older = waiting("older", 30, false);
        String vip = waiting("vip", 2, true, "billing");
        drain(older, vip);
        assertEquals(Map.of(vip, "carol"), assigned());
    }

    @Test
    void aBusyAgentWithTheSkillHoldsBackOnlyWhatTheyCouldTake() {
        agent("bob", 1, "billing");
        agent("alice", 2);
        redis.hash(Long.class).hset(RedisKeys.agentLoad(tenant), "bob", 1L); // bob is full
        String invoice = waiting("invoice", 10, false, "billing");
        String hello = waiting("hello", 5, false);
        String other = waiting("other", 3, false, "billing");
        drain(invoice, hello, other);
        assertEquals(Map.of(hello, "alice"), assigned(), "alice cannot take billing; nobody free can");
    }
}
