package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.Ids;
import io.parley.common.RedisKeys;
import io.parley.common.event.ChannelEvent;
import io.parley.common.event.InboundMessage;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;
import io.parley.routing.ChannelEvents;
import io.parley.routing.GatewayRecords;
import io.parley.routing.TestStores;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
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
 * Routing against the real broker, database and Redis that {@code ./parley test} runs: sends go in on the
 * inbound topic exactly as a gateway writes them, and come out on the participants' Redis channels.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class ConversationSequencingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private GatewayRecords gateway;
    private final List<Runnable> unsubscribes = new ArrayList<>();
    private String tenant;

    @BeforeEach
    void setUp() {
        gateway = new GatewayRecords(bootstrap);
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
    }

    @AfterEach
    void tearDown() {
        unsubscribes.forEach(Runnable::run);
        gateway.close();
    }

    private LinkedBlockingQueue<ChannelEvent> subscribe(Participant.Kind kind, String id) {
        LinkedBlockingQueue<ChannelEvent> events = new LinkedBlockingQueue<>();
        var subscriber = redis.pubsub(String.class).subscribe(RedisKeys.participantChannel(tenant, kind, id),
                payload -> events.add(Json.read(payload, ChannelEvent.class)));
        unsubscribes.add(subscriber::unsubscribe);
        return events;
    }

    private void send(InboundMessage message) throws Exception {
        gateway.send(message);
    }

    private InboundMessage visitorSend(String conversationId, boolean open, String visitor, String clientMsgId,
            String text) {
        return new InboundMessage(tenant, conversationId, open, Participant.visitor(visitor, "Ann"), clientMsgId, text,
                "gw-test", System.currentTimeMillis());
    }

    private static ChannelEvent next(LinkedBlockingQueue<ChannelEvent> events) throws InterruptedException {
        ChannelEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(event, "no event within " + WAIT);
        return event;
    }

    /** Skips queue-position updates, which a waiting visitor may get at any time. */
    private static io.parley.common.event.SequencedMessage nextMessage(LinkedBlockingQueue<ChannelEvent> events)
            throws InterruptedException {
        while (true) {
            ChannelEvent event = next(events);
            if (ChannelEvents.conversation(event) == null) {
                return ChannelEvents.message(event);
            }
        }
    }

    private long storedCount(String conversationId) {
        return pool.preparedQuery("SELECT count(*) FROM message WHERE conversation_id = $1")
                .executeAndAwait(Tuple.of(conversationId)).iterator().next().getLong(0);
    }

    @Test
    void firstSendOpensConversationAndSeqsGrowByOneInOrder() throws Exception {
        String visitor = "v-" + UUID.randomUUID();
        var events = subscribe(Participant.Kind.VISITOR, visitor);
        String conversation = Ids.nextConversationId(tenant, visitor, null);
        send(visitorSend(conversation, true, visitor, "m0", "hello"));
        for (int i = 1; i < 100; i++) {
            send(visitorSend(conversation, false, visitor, "m" + i, "message " + i));
        }
        ChannelEvent opened = next(events);
        assertEquals(ConversationStatus.QUEUED, ChannelEvents.conversation(opened).status());
        for (int i = 0; i < 100; i++) {
            var message = nextMessage(events);
            assertNotNull(message);
            assertEquals(i + 1, message.seq());
            assertEquals("m" + i, message.clientMsgId());
        }
        assertEquals(100, storedCount(conversation));
    }

    @Test
    void resendingAClientMsgIdReturnsTheStoredMessageAndStoresNothing() throws Exception {
        String visitor = "v-" + UUID.randomUUID();
        var events = subscribe(Participant.Kind.VISITOR, visitor);
        String conversation = Ids.nextConversationId(tenant, visitor, null);
        send(visitorSend(conversation, true, visitor, "a", "first"));
        next(events); // conversation opened
        var first = nextMessage(events);
        send(visitorSend(conversation, true, visitor, "a", "first, sent again"));
        var again = nextMessage(events);
        assertEquals(first.id(), again.id());
        assertEquals(first.seq(), again.seq());
        assertEquals("first", again.text());
        assertEquals(1, storedCount(conversation));
    }

    @Test
    void foreignSendersAreRejectedAndNothingIsStored() throws Exception {
        String owner = "v-" + UUID.randomUUID();
        String intruder = "v-" + UUID.randomUUID();
        var ownerEvents = subscribe(Participant.Kind.VISITOR, owner);
        var intruderEvents = subscribe(Participant.Kind.VISITOR, intruder);
        String conversation = Ids.nextConversationId(tenant, owner, null);
        send(visitorSend(conversation, true, owner, "x", "mine"));
        next(ownerEvents);
        next(ownerEvents);

        send(visitorSend(conversation, false, intruder, "y", "let me in"));
        var rejected = ChannelEvents.rejected(next(intruderEvents));
        assertEquals(ErrorCode.FORBIDDEN, rejected.code());
        assertEquals("y", rejected.clientMsgId());

        // Another tenant's visitor naming this conversation learns nothing about it.
        String otherTenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        var otherEvents = new LinkedBlockingQueue<ChannelEvent>();
        var sub = redis.pubsub(String.class).subscribe(
                RedisKeys.participantChannel(otherTenant, Participant.Kind.VISITOR, owner),
                payload -> otherEvents.add(Json.read(payload, ChannelEvent.class)));
        unsubscribes.add(sub::unsubscribe);
        send(new InboundMessage(otherTenant, conversation, false, Participant.visitor(owner, null), "z", "hi",
                "gw-test", System.currentTimeMillis()));
        assertEquals(ErrorCode.NOT_FOUND, ChannelEvents.rejected(next(otherEvents)).code());

        // An agent who is not the assignee cannot write either.
        var agentEvents = subscribe(Participant.Kind.AGENT, "mallory");
        send(new InboundMessage(tenant, conversation, false, Participant.agent("mallory", null), "w", "hi",
                "gw-test", System.currentTimeMillis()));
        assertEquals(ErrorCode.FORBIDDEN, ChannelEvents.rejected(next(agentEvents)).code());
        assertEquals(1, storedCount(conversation));
        assertTrue(ownerEvents.isEmpty(), "the owner saw something of the rejected sends: " + ownerEvents);
    }

    @Test
    void unknownTenantOpensNothing() throws Exception {
        String ghostTenant = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = "v-" + UUID.randomUUID();
        var events = new LinkedBlockingQueue<ChannelEvent>();
        var sub = redis.pubsub(String.class).subscribe(
                RedisKeys.participantChannel(ghostTenant, Participant.Kind.VISITOR, visitor),
                payload -> events.add(Json.read(payload, ChannelEvent.class)));
        unsubscribes.add(sub::unsubscribe);
        String conversation = Ids.nextConversationId(ghostTenant, visitor, null);
        send(new InboundMessage(ghostTenant, conversation, true, Participant.visitor(visitor, null), "m", "hi",
                "gw-test", System.currentTimeMillis()));
        assertEquals(ErrorCode.NOT_FOUND, ChannelEvents.rejected(next(events)).code());
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(conversation)).iterator().next().getLong(0));
    }

    @Test
    void newConversationGoesToTheLeastLoadedOnlineAgentWhoCanThenReply() throws Exception {
        long now = System.currentTimeMillis();
        redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now, "alice");
        redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now, "bob");
        redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now - 3_600_000, "carol"); // stale
        redis.hash(Long.class).hset(RedisKeys.agentLoad(tenant), "alice", 2L);
        var bobEvents = subscribe(Participant.Kind.AGENT, "bob");

        String visitor = "v-" + UUID.randomUUID();
        var visitorEvents = subscribe(Participant.Kind.VISITOR, visitor);
        String conversation = Ids.nextConversationId(tenant, visitor, null);
        send(visitorSend(conversation, true, visitor, "q", "can someone help?"));

        var assigned = ChannelEvents.conversation(next(bobEvents));
        assertEquals(ConversationStatus.ASSIGNED, assigned.status());
        assertEquals("bob", assigned.assignee().id());
        assertEquals("can someone help?", ChannelEvents.message(next(bobEvents)).text());
        assertEquals(ConversationStatus.ASSIGNED, ChannelEvents.conversation(next(visitorEvents)).status());
        next(visitorEvents);
        assertEquals(1L, redis.hash(Long.class).hget(RedisKeys.agentLoad(tenant), "bob"));

        send(new InboundMessage(tenant, conversation, false, Participant.agent("bob", "Bob"), "r1", "sure",
                "gw-test", System.currentTimeMillis()));
        var reply = ChannelEvents.message(next(visitorEvents));
        assertEquals(2, reply.seq());
        assertEquals(Participant.Kind.AGENT, reply.sender().kind());
        assertNull(ChannelEvents.rejected(next(bobEvents)));
    }
}
