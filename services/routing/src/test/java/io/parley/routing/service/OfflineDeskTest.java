package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.RedisKeys;
import io.parley.common.event.InboundMessage;
import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.parley.common.model.Participant;
import io.parley.routing.GatewayRecords;
import io.parley.routing.TestStores;
import io.parley.routing.domain.QueuedConversation;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Business hours on the real broker and database: a visitor who writes while the tenant is closed is told so in
 * the conversation, is not queued, and their conversation becomes one ticket; the same tenant open, or a
 * tenant without hours, queues as usual.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class OfflineDeskTest {
    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String tenant(String weeklyJson) {
        String tenant = "bh-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        if (weeklyJson != null) {
            pool.preparedQuery("""
                    INSERT INTO business_hours (tenant_id, time_zone, weekly, holidays)
                    VALUES ($1, 'Asia/Shanghai', $2::text::jsonb, '{}')""").executeAndAwait(Tuple.of(tenant, weeklyJson));
        }
        return tenant;
    }

    void firstSend(String tenant, String conversation, String clientMsgId) throws Exception {
        GatewayRecords.sendOnce(bootstrap, new InboundMessage(tenant, conversation, true,
                Participant.visitor("v1", "Ann"), clientMsgId, "Where is my parcel?", "gw-test",
                System.currentTimeMillis()));
    }

    RowSet<Row> query(String sql, Object... params) {
        return pool.preparedQuery(sql).executeAndAwait(Tuple.from(params));
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    String status(String conversation) {
        RowSet<Row> rows = query("SELECT status FROM conversation WHERE id = $1", conversation);
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    @Test
    void closedTenantTakesAMessageAndOpensOneTicket() throws Exception {
        String tenant = tenant("{}"); // no ranges on any day: always closed
        String conversation = tenant + "-c1";
        firstSend(tenant, conversation, "m1");
        await("the notice", () -> query("SELECT 1 FROM message WHERE conversation_id = $1 AND seq = 2",
                conversation).size() == 1);
        Row notice = query("SELECT sender_kind, sender_id, client_msg_id, body FROM message"
                + " WHERE conversation_id = $1 AND seq = 2", conversation).iterator().next();
        assertEquals("system", notice.getString("sender_kind"));
        assertEquals("offline-desk", notice.getString("sender_id"));
        assertEquals("We are away right now. Leave your message here and we will answer you in this conversation.",
                notice.getString("body"));
        assertEquals("open", status(conversation));
        assertFalse(redis.sortedSet(String.class).zrange(
                RedisKeys.queueLane(tenant, QueuedConversation.WHOLE_TEAM, QueuedConversation.ANY_SKILL), 0, -1)
                .contains(conversation), "an offline conversation is not queued");

        // The same first send again (a gateway retry): nothing new.
        firstSend(tenant, conversation, "m1");
        Thread.sleep(1_500);
        RowSet<Row> tickets = query("SELECT subject, requester_id, status, tags FROM ticket WHERE conversation_id = $1",
                conversation);
        assertEquals(1, tickets.size());
        Row ticket = tickets.iterator().next();
        assertEquals("Where is my parcel?", ticket.getString("subject"));
        assertEquals("v1", ticket.getString("requester_id"));
        assertEquals("open", ticket.getString("status"));
        assertEquals(List.of("offline"), Arrays.asList(ticket.getArrayOfStrings("tags")));
        assertEquals(2L, query("SELECT count(*) FROM message WHERE conversation_id = $1", conversation).iterator()
                .next().getLong(0));

        // Its created event waits in the tickets outbox, committed with it, for the gateways' relay (once).
        RowSet<Row> outbox = query("SELECT payload FROM ticket_outbox WHERE ticket_id = $1",
                query("SELECT id FROM ticket WHERE conversation_id = $1", conversation).iterator().next().getLong(0));
        assertEquals(1, outbox.size());
        TicketChanged created = Json.read(outbox.iterator().next().getString("payload"), TicketChanged.class);
        assertEquals(tenant, created.tenant());
        assertEquals("created", created.kind());
        assertEquals(conversation, created.conversationId());
        assertEquals(List.of("offline"), created.tags());
        assertEquals("offline-desk", created.actorId());
    }

    static final String ALWAYS_OPEN = "{\"mon\":[\"00:00-24:00\"],\"tue\":[\"00:00-24:00\"],\"wed\":[\"00:00-24:00\"],"
            + "\"thu\":[\"00:00-24:00\"],\"fri\":[\"00:00-24:00\"],\"sat\":[\"00:00-24:00\"],\"sun\":[\"00:00-24:00\"]}";

    @Test
    void openTenantsAndTenantsWithoutHoursQueue() throws Exception {
        for (String weekly : new String[] { ALWAYS_OPEN, null }) {
            String tenant = tenant(weekly);
            String conversation = tenant + "-c1";
            firstSend(tenant, conversation, "m1");
            await("the conversation", () -> "queued".equals(status(conversation)));
            Thread.sleep(500);
            assertEquals("queued", status(conversation));
            assertTrue(query("SELECT 1 FROM ticket WHERE conversation_id = $1", conversation).size() == 0);
        }
    }

    @Test
    void aConversationThatWaitsPastTheLimitTakesAMessageInstead() throws Exception {
        String tenant = tenant(ALWAYS_OPEN);
        query("UPDATE business_hours SET max_queue_wait_sec = 1 WHERE tenant_id = $1", tenant);
        String conversation = tenant + "-c1";
        firstSend(tenant, conversation, "m1"); // nobody is online: it waits
        await("the move out of the queue", () -> "open".equals(status(conversation)));
        await("the notice", () -> query("SELECT 1 FROM message WHERE conversation_id = $1 AND seq = 2",
                conversation).size() == 1);
        assertEquals(OfflineDesk.BUSY_NOTICE, query("SELECT body FROM message WHERE conversation_id = $1 AND seq = 2",
                conversation).iterator().next().getString(0));
        assertEquals(1, query("SELECT 1 FROM ticket WHERE conversation_id = $1 AND 'offline' = ANY (tags)",
                conversation).size());
        assertFalse(redis.sortedSet(String.class).zrange(
                RedisKeys.queueLane(tenant, QueuedConversation.WHOLE_TEAM, QueuedConversation.ANY_SKILL), 0, -1)
                .contains(conversation), "no longer queued");
        assertTrue(redis.hash(String.class).hget(RedisKeys.queuedRequests(tenant), conversation) == null);
    }
}
