package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.RedisKeys;
import io.parley.common.event.InboundMessage;
import io.parley.common.model.Participant;
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
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * On the real broker, database and Redis: a tenant whose bot is on duty starts its conversations with the bot
 * (status bot, bot_id); when no bot process serves the tenant any more, the watch hands them to the team
 * (queued, handoff bot_unavailable, audited as the bot's handoff), so nobody waits for a bot that is gone.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class BotWatchdogTest {
    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    Row conversation(String id) {
        return pool.preparedQuery("SELECT status, bot_id, handoff->>'reason' AS reason FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(id)).iterator().next();
    }

    @Test
    void conversationsOfABotThatIsGoneGoToTheTeam() throws Exception {
        String tenant = "bw-" + UUID.randomUUID().toString().substring(0, 8);
        String conversation = tenant + "-c1";
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        redis.value(String.class).setex(RedisKeys.botOnDuty(tenant), 60, "helper");

        GatewayRecords.sendOnce(bootstrap, new InboundMessage(tenant, conversation, true,
                Participant.visitor("v1", "Ann"), "m1", "Where is my parcel?", "gw-test", System.currentTimeMillis()));
        OfflineDeskTest.await("the conversation", () -> pool.preparedQuery("SELECT 1 FROM conversation WHERE id = $1")
                .executeAndAwait(Tuple.of(conversation)).size() == 1);
        assertEquals("bot", conversation(conversation).getString("status"));
        assertEquals("helper", conversation(conversation).getString("bot_id"));
        Thread.sleep(2_500); // several watches (1 s in tests) while the bot is on duty: it stays with the bot
        assertEquals("bot", conversation(conversation).getString("status"));

        redis.key().del(RedisKeys.botOnDuty(tenant)); // every bot process gone
        OfflineDeskTest.await("the handoff", () -> !"bot".equals(conversation(conversation).getString("status")));
        Row after = conversation(conversation);
        assertEquals("queued", after.getString("status"), "no agent online: it waits in the queue");
        assertEquals("bot_unavailable", after.getString("reason"));
        Row audit = pool.preparedQuery("""
                SELECT actor_kind, actor_id, before->>'status' AS before, after->>'status' AS after FROM audit_log
                WHERE conversation_id = $1 AND action = 'handoff'""").executeAndAwait(Tuple.of(conversation))
                .iterator().next();
        assertEquals("bot helper bot queued", audit.getString("actor_kind") + " " + audit.getString("actor_id") + " "
                + audit.getString("before") + " " + audit.getString("after"));
    }
}
