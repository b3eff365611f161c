package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.RedisKeys;
import io.parley.common.event.ChannelEvent;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationCommand;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.wire.ConversationActionKind;
import io.parley.common.wire.ErrorCode;
import io.parley.routing.ChannelEvents;
import io.parley.routing.GatewayRecords;
import io.parley.routing.TestStores;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent and supervisor actions through the real commands topic: every refusal names its reason and changes
 * nothing (row, loads, audit log); every applied action moves the conversation, the agents' loads and the audit
 * log together, and tells the actor, the participants and an agent who lost the conversation.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class ConversationActionsTest {
    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    GatewayRecords gateway;
    final List<Runnable> unsubscribes = new ArrayList<>();
    String tenant;
    String conversation;

    @BeforeEach
    void setUp() {
        gateway = new GatewayRecords(bootstrap);
        tenant = "act-" + UUID.randomUUID().toString().substring(0, 8);
        conversation = tenant + "-c1";
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        // A group nobody belongs to, so the conversation waits until someone accepts it by hand.
        pool.preparedQuery("INSERT INTO skill_group (tenant_id, id, name) VALUES ($1, 'desk', 'Desk')")
                .executeAndAwait(Tuple.of(tenant));
        pool.preparedQuery("INSERT INTO skill_group (tenant_id, id, name) VALUES ($1, 'billing', 'Billing')")
                .executeAndAwait(Tuple.of(tenant));
        pool.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, capacity) VALUES ($1, 'bob', 1)")
                .executeAndAwait(Tuple.of(tenant));
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, group_id, queued_at)
                VALUES ($1, $2, 'v1', 'queued', 'desk', now())""").executeAndAwait(Tuple.of(conversation, tenant));
        online("alice");
        online("bob");
    }

    @AfterEach
    void tearDown() {
        unsubscribes.forEach(Runnable::run);
        gateway.close();
    }

    void online(String agent) {
        redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), System.currentTimeMillis(), agent);
    }

    final java.util.Map<String, LinkedBlockingQueue<ChannelEvent>> channels = new java.util.HashMap<>();

    /**
     * One subscription per participant and test, confirmed by a probe: Redis drops what is published before a
     * SUBSCRIBE takes effect, and a lost result would look like a missing one.
     */
    LinkedBlockingQueue<ChannelEvent> channel(Participant.Kind kind, String id) throws InterruptedException {
        String name = RedisKeys.participantChannel(tenant, kind, id);
        LinkedBlockingQueue<ChannelEvent> existing = channels.get(name);
        if (existing != null) {
            return existing;
        }
        LinkedBlockingQueue<ChannelEvent> events = new LinkedBlockingQueue<>();
        var sub = redis.pubsub(String.class).subscribe(name, payload -> events.add(Json.read(payload, ChannelEvent.class)));
        unsubscribes.add(sub::unsubscribe);
        String probe = Json.write(ChannelEvent.of(new io.parley.common.wire.ServerFrame.Read("probe", null, 1)));
        while (true) {
            redis.pubsub(String.class).publish(name, probe);
            ChannelEvent first = events.poll(200, TimeUnit.MILLISECONDS);
            if (first != null) {
                events.removeIf(e -> e instanceof ChannelEvent.Read r && "probe".equals(r.read().conversationId()));
                break;
            }
        }
        channels.put(name, events);
        return events;
    }

    /** Sends the command as a gateway would and returns routing's answer on the actor's channel. */
    CommandResult act(String actor, boolean supervisor, ConversationActionKind action, String conversationId,
            String toAgent, String toGroup, String note) throws Exception {
        var events = channel(Participant.Kind.AGENT, actor);
        String ref = "r-" + UUID.randomUUID();
        var command = new ConversationCommand(tenant, conversationId, Participant.agent(actor, null), supervisor,
                action, toAgent, toGroup, note, ref, "gw-test", System.currentTimeMillis());
        gateway.send(command);
        long deadline = System.currentTimeMillis() + 20_000;
        List<ChannelEvent> others = new ArrayList<>();
        try {
            while (System.currentTimeMillis() < deadline) {
                ChannelEvent event = events.poll(500, TimeUnit.MILLISECONDS);
                CommandResult result = event == null ? null : ChannelEvents.result(event);
                if (result != null && result.ref().equals(ref)) {
                    return result;
                } else if (event != null) {
                    others.add(event); // the test may look for these
                }
            }
        } finally {
            events.addAll(others);
        }
        throw new AssertionError("no result for " + action.wire() + " by " + actor);
    }

    CommandResult act(String actor, ConversationActionKind action) throws Exception {
        return act(actor, false, action, conversation, null, null, null);
    }

    Row row() {
        return pool.preparedQuery("SELECT status, assignee_id, group_id FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(conversation)).iterator().next();
    }

    long load(String agent) {
        Long load = redis.hash(Long.class).hget(RedisKeys.agentLoad(tenant), agent);
        return load == null ? 0 : load;
    }

    long audits() {
        return pool.preparedQuery("SELECT count(*) FROM audit_log WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getLong(0);
    }

    void assertRefused(CommandResult result, ErrorCode code, String message) {
        assertFalse(result.applied());
        assertEquals(code, result.code());
        assertEquals(message, result.message());
    }

    @Test
    void theLifecycleThroughActionsKeepsLoadsAndAuditInStep() throws Exception {
        var visitor = channel(Participant.Kind.VISITOR, "v1");
        var alice = channel(Participant.Kind.AGENT, "alice");

        CommandResult accepted = act("alice", ConversationActionKind.ACCEPT);
        assertTrue(accepted.applied(), () -> accepted.message());
        assertEquals(ConversationStatus.ASSIGNED, accepted.status());
        assertEquals("alice", accepted.assignee().id());
        assertEquals("alice", row().getString("assignee_id"));
        assertEquals(1, load("alice"));

        CommandResult transferred = act("alice", false, ConversationActionKind.TRANSFER, conversation, "bob", null,
                "knows the VAT rules");
        assertTrue(transferred.applied(), () -> transferred.message());
        assertEquals("bob", row().getString("assignee_id"));
        assertEquals(0, load("alice"));
        assertEquals(1, load("bob"));
        // alice hears that she lost it, the visitor who has it now
        ChannelEvent lost;
        do {
            lost = alice.poll(10, TimeUnit.SECONDS);
            assertNotNull(lost, "alice was not told");
        } while (ChannelEvents.conversation(lost) == null
                || !"bob".equals(ChannelEvents.conversation(lost).assignee().id()));
        ChannelEvent seen;
        do {
            seen = visitor.poll(10, TimeUnit.SECONDS);
            assertNotNull(seen, "the visitor was not told");
        } while (ChannelEvents.conversation(seen) == null || ChannelEvents.conversation(seen).assignee() == null
                || !"bob".equals(ChannelEvents.conversation(seen).assignee().id()));

        CommandResult closed = act("bob", ConversationActionKind.CLOSE);
        assertTrue(closed.applied());
        assertEquals("closed", row().getString("status"));
        assertEquals(0, load("bob"));
        assertRefused(act("bob", ConversationActionKind.CLOSE), ErrorCode.INVALID_STATE,
                "cannot close a conversation that is closed");

        CommandResult reopened = act("alice", ConversationActionKind.REOPEN);
        assertTrue(reopened.applied());
        assertEquals(ConversationStatus.QUEUED, reopened.status());
        assertNull(reopened.assignee());
        assertEquals(4, audits());
        Row transfer = pool.preparedQuery("""
                SELECT actor_id, before->>'assignee' AS was, after->>'assignee' AS now, note FROM audit_log
                WHERE tenant_id = $1 AND action = 'transfer_to_agent'""").executeAndAwait(Tuple.of(tenant))
                .iterator().next();
        assertEquals("alice", transfer.getString("actor_id"));
        assertEquals("alice", transfer.getString("was"));
        assertEquals("bob", transfer.getString("now"));
        assertEquals("knows the VAT rules", transfer.getString("note"));
    }

    @Test
    void refusalsNameTheReasonAndChangeNothing() throws Exception {
        assertTrue(act("alice", ConversationActionKind.ACCEPT).applied());
        long auditsBefore = audits();

        assertRefused(act("carol", false, ConversationActionKind.TRANSFER, conversation, "bob", null, null),
                ErrorCode.FORBIDDEN, "only the assigned agent or a supervisor can transfer this conversation");
        assertRefused(act("alice", false, ConversationActionKind.REASSIGN, conversation, "bob", null, null),
                ErrorCode.FORBIDDEN, "only supervisors can reassign conversations");
        assertRefused(act("alice", false, ConversationActionKind.TRANSFER, conversation, "dave", null, null),
                ErrorCode.AGENT_UNAVAILABLE, "agent dave is not online");
        assertRefused(act("alice", false, ConversationActionKind.TRANSFER, conversation, null, "nope", null),
                ErrorCode.NOT_FOUND, "no such group: nope");
        assertRefused(act("alice", false, ConversationActionKind.TRANSFER, conversation, "alice", null, null),
                ErrorCode.INVALID_STATE, "the conversation is already assigned to alice");
        assertRefused(act("alice", ConversationActionKind.ACCEPT), ErrorCode.INVALID_STATE,
                "cannot accept a conversation that is assigned");
        assertRefused(act("alice", false, ConversationActionKind.CLOSE, "other-tenant-conversation", null, null, null),
                ErrorCode.NOT_FOUND, "no such conversation");

        // bob's capacity is 1: with one conversation he cannot take another
        String second = tenant + "-c2";
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, group_id, queued_at)
                VALUES ($1, $2, 'v2', 'queued', 'desk', now())""").executeAndAwait(Tuple.of(second, tenant));
        assertTrue(act("bob", false, ConversationActionKind.ACCEPT, second, null, null, null).applied());
        assertRefused(act("alice", false, ConversationActionKind.TRANSFER, conversation, "bob", null, null),
                ErrorCode.AGENT_UNAVAILABLE, "agent bob has no free capacity");

        Row after = row();
        assertEquals("assigned", after.getString("status"));
        assertEquals("alice", after.getString("assignee_id"));
        assertEquals(1, load("alice"));
        assertEquals(1, load("bob"));
        assertEquals(auditsBefore + 1, audits(), "only bob's accept was recorded");

        // a supervisor may move it anyway (to alice's teammate with room), and back to a group's queue
        online("erin");
        assertTrue(act("sam", true, ConversationActionKind.REASSIGN, conversation, "erin", null, null).applied());
        assertEquals(0, load("alice"));
        assertEquals(1, load("erin"));
        CommandResult toGroup = act("erin", false, ConversationActionKind.TRANSFER, conversation, null, "billing",
                "billing question");
        assertTrue(toGroup.applied());
        assertEquals(ConversationStatus.QUEUED, toGroup.status());
        assertEquals("billing", row().getString("group_id"));
        assertEquals(0, load("erin"));
    }
}
