package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.event.InboundMessage;
import io.parley.common.model.Participant;
import io.parley.routing.GatewayRecords;
import io.parley.routing.TestStores;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA targets and auto-close on the real database and broker: a target that passes unanswered is counted by
 * the sweep, once, even when the answer comes later; an answer in time is not a breach; an idle conversation is
 * closed by the system through the action path and its resolution is measured.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class ServiceLevelsTest {
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "sla-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        pool.preparedQuery("INSERT INTO sla_policy (tenant_id, priority, first_response_sec, resolution_sec)"
                + " VALUES ($1, 0, 5, 8)").executeAndAwait(Tuple.of(tenant));
    }

    void conversation(String id, String status, int ageSec) {
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, assignee_id, created_at, updated_at)
                VALUES ($1, $2, 'v', $3, 'alice', now() - make_interval(secs => $4), now() - make_interval(secs => $4))""")
                .executeAndAwait(Tuple.of(id, tenant, status, ageSec));
    }

    double violations(String kind) {
        var counter = registry.find("parley_sla_violations_total").tag("tenant", tenant).tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    long firstResponses() {
        return registry.find("parley_first_response_seconds").timer().count();
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, what);
            Thread.sleep(100);
        }
    }

    Row row(String id) {
        return pool.preparedQuery("SELECT status, first_response_at, first_response_breached, closed_at FROM conversation"
                + " WHERE id = $1").executeAndAwait(Tuple.of(id)).iterator().next();
    }

    void agentWrites(String conversation) throws Exception {
        GatewayRecords.sendOnce(bootstrap, new InboundMessage(tenant, conversation, false,
                Participant.agent("alice", "Alice"), "r-" + UUID.randomUUID(), "hello", "gw-test",
                System.currentTimeMillis()));
    }

    @Test
    void aMissedFirstResponseIsCountedOnceAndAnAnswerInTimeIsNot() throws Exception {
        String late = tenant + "-late";
        String quick = tenant + "-quick";
        conversation(late, "assigned", 6);
        conversation(quick, "assigned", 0);
        eventually("the sweep counts the missed target", () -> violations("first_response") == 1);
        assertTrue(row(late).getBoolean("first_response_breached"));

        long before = firstResponses();
        agentWrites(late);
        agentWrites(quick);
        eventually("both first responses measured", () -> firstResponses() == before + 2);
        assertTrue(row(quick).getOffsetDateTime("first_response_at") != null);
        Thread.sleep(2_000); // more sweeps: neither the late answer nor the quick one adds a breach
        assertEquals(1, violations("first_response"));
        assertTrue(!row(quick).getBoolean("first_response_breached"));
    }

    @Test
    void idleConversationsAreClosedByTheSystemAndTheirResolutionMeasured() throws Exception {
        pool.preparedQuery("UPDATE tenant SET auto_close_after_sec = 3 WHERE id = $1").executeAndAwait(Tuple.of(tenant));
        String idle = tenant + "-idle";
        String active = tenant + "-active";
        conversation(idle, "assigned", 10);
        conversation(active, "assigned", 0);
        long resolutions = registry.find("parley_resolution_seconds").timer() == null ? 0
                : registry.find("parley_resolution_seconds").timer().count();
        eventually("the idle conversation is closed", () -> row(idle).getString("status").equals("closed"));
        assertEquals("assigned", row(active).getString("status"));
        Row audit = pool.preparedQuery("SELECT actor_kind, action, note FROM audit_log WHERE conversation_id = $1")
                .executeAndAwait(Tuple.of(idle)).iterator().next();
        assertEquals("system", audit.getString("actor_kind"));
        assertEquals("close", audit.getString("action"));
        assertEquals("inactive", audit.getString("note"));
        eventually("resolution measured", () -> registry.find("parley_resolution_seconds").timer().count()
                == resolutions + 1);
        eventually("closed after the resolution target: one breach", () -> violations("resolution") == 1);
    }
}
