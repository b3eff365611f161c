package io.parley.bot.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.bot.rest.BotTestResource;
import io.parley.bot.service.ResolutionGauges;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bot's resolution gauges on the real conversation table (a @QuarkusTest for the database, hence in this
 * package: see the surefire configuration): one conversation of each outcome, and the rate.
 */
@QuarkusTest
@WithTestResource(value = BotTestResource.class, scope = TestResourceScope.GLOBAL)
class ResolutionGaugesTest {
    @Inject
    Pool pool;
    @Inject
    ResolutionGauges gauges;
    @Inject
    MeterRegistry meters;

    void conversation(String tenant, String bot, String status, String assignee, String handoff, String closedAgo,
            String createdAgo) {
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, assignee_id, handoff, closed_at, created_at,
                                          bot_id)
                VALUES ($1, $2, 'v', $3, $4, $5::jsonb, now() - $6::text::interval, now() - $7::text::interval, $8)""")
                .executeAndAwait(Tuple.from(new Object[] { UUID.randomUUID().toString(), tenant, status, assignee,
                        handoff, closedAgo, createdAgo, bot }));
    }

    double value(String bot, String outcome) {
        return meters.get("parley.bot.conversations").tag("bot", bot).tag("outcome", outcome).gauge().value();
    }

    @Test
    void eachOutcomeIsCountedAndTheRateIsResolvedOverDecided() {
        String tenant = "res-" + UUID.randomUUID().toString().substring(0, 8);
        String bot = "bot-" + tenant;
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        String handoff = "{\"reason\":\"requested\",\"intents\":[],\"skills\":[],\"summary\":\"s\"}";
        conversation(tenant, bot, "closed", null, null, "30 hours", "31 hours");       // resolved
        conversation(tenant, bot, "closed", null, null, "26 hours", "2 days");         // resolved
        conversation(tenant, bot, "assigned", "ann", handoff, null, "3 hours");        // handed off
        conversation(tenant, bot, "closed", "ann", null, "1 hour", "2 days");          // reopened, then closed by ann
        conversation(tenant, bot, "closed", null, null, "2 hours", "3 hours");         // pending: closed < 24 h ago
        conversation(tenant, bot, "bot", null, null, null, "5 minutes");               // pending: still with the bot
        conversation(tenant, bot, "closed", null, null, "8 days", "9 days");           // outside the 7 days
        conversation(tenant, null, "closed", null, null, "30 hours", "31 hours");      // no bot at all

        gauges.refresh();
        assertEquals(2, value(bot, "resolved"));
        assertEquals(1, value(bot, "handed_off"));
        assertEquals(1, value(bot, "reopened"));
        assertEquals(2, value(bot, "pending"));
        assertEquals(0.5, meters.get("parley.bot.resolution.rate").tag("bot", bot).gauge().value(), 1e-9);
    }
}
