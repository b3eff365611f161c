package io.parley.routing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.routing.TestStores;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
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
 * The reports' pre-aggregation on the real database: each conversation counts on the day it opened, closed and was
 * rated, under its group and agent; the bot's own closes, handovers and breaches are counted; presence samples
 * become online and busy time; recomputing a day gives the same figures (nothing is counted twice).
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class ReportRollupTest {
    static final String[] COLUMNS = { "opened", "first_responses", "first_response_sec", "bot_started", "bot_handoffs",
        "first_response_breaches", "closed", "resolution_sec", "bot_resolved", "resolution_breaches", "csat_count",
        "csat_sum", "online_sec", "busy_sec" };

    @Inject
    Pool pool;
    @Inject
    ReportRollup rollup;

    String tenant;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);

    @BeforeEach
    void tenant() {
        tenant = "report-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
    }

    OffsetDateTime at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atOffset(ZoneOffset.UTC);
    }

    void conversation(String group, String assignee, OffsetDateTime created, OffsetDateTime firstResponse,
            OffsetDateTime closed, Integer csat, OffsetDateTime csatAt, boolean bot, boolean handoff, boolean frBreached) {
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, group_id, assignee_id, created_at, updated_at,
                    first_response_at, closed_at, csat_score, csat_at, bot_id, handoff, assigned_at, first_response_breached)
                VALUES ($1, $2, 'v', $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)""")
                .executeAndAwait(Tuple.from(Arrays.asList("c-" + UUID.randomUUID(), tenant,
                        closed == null ? "assigned" : "closed", group, assignee, created, firstResponse, closed, csat,
                        csatAt, bot ? "acme-bot" : null, handoff ? "{\"reason\":\"requested\"}" : null,
                        assignee == null ? null : created, frBreached)));
    }

    void online(String agent, OffsetDateTime minute, boolean busy) {
        pool.preparedQuery("INSERT INTO agent_presence_minute (tenant_id, agent_id, minute, busy) VALUES ($1, $2, $3, $4)")
                .executeAndAwait(Tuple.of(tenant, agent, minute, busy));
    }

    /** (day|group|agent) -> the row's figures, for this test's tenant. */
    Map<String, List<Long>> figures() {
        Map<String, List<Long>> result = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT * FROM report_day WHERE tenant_id = $1").executeAndAwait(Tuple.of(tenant))) {
            Long[] values = new Long[COLUMNS.length];
            for (int i = 0; i < COLUMNS.length; i++) {
                values[i] = row.getLong(COLUMNS[i]);
            }
            result.put(row.getLocalDate("day") + "|" + row.getString("group_id") + "|" + row.getString("agent_id"),
                    List.of(values));
        }
        return result;
    }

    void rollUp() throws InterruptedException {
        // The scheduled rollup may hold the lock for a moment: then this round is skipped, and tried again.
        for (int attempt = 0; attempt < 50; attempt++) {
            if (rollup.rollup(yesterday, today.plusDays(1)).await().indefinitely()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rollup never got its lock");
    }

    static List<Long> row(long... values) {
        return Arrays.stream(values).boxed().toList();
    }

    @Test
    void eachConversationCountsOnTheDaysItOpenedClosedAndWasRated() throws Exception {
        // Opened yesterday by the bot, handed to alice in sales, answered in 30 s, closed today after 15 h, rated 4.
        conversation("sales", "alice", at(yesterday, 10, 0), at(yesterday, 10, 0).plusSeconds(30),
                at(today, 1, 0), 4, at(today, 1, 5), true, true, false);
        // Opened and closed yesterday by the bot alone (5 minutes).
        conversation(null, null, at(yesterday, 11, 0), null, at(yesterday, 11, 5), null, null, true, false, false);
        // Opened today for bob, its first-response target missed.
        conversation("sales", "bob", at(today, 0, 30), null, null, null, null, false, false, true);
        online("alice", at(yesterday, 9, 0), false);
        online("alice", at(yesterday, 9, 1), true);
        online("alice", at(yesterday, 9, 2), true);
        online("bob", at(today, 0, 31), false);

        rollUp();
        Map<String, List<Long>> first = figures();
        //                                        opened fr frSec bot hand frB closed resSec botRes resB csatN csat online busy
        assertEquals(row(1, 1, 30, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), first.get(yesterday + "|sales|alice"));
        assertEquals(row(1, 0, 0, 1, 0, 0, 1, 300, 1, 0, 0, 0, 0, 0), first.get(yesterday + "||"));
        assertEquals(row(0, 0, 0, 0, 0, 0, 1, 54_000, 0, 0, 1, 4, 0, 0), first.get(today + "|sales|alice"));
        assertEquals(row(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), first.get(today + "|sales|bob"));
        assertEquals(row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 180, 120), first.get(yesterday + "||alice"));
        assertEquals(row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 0), first.get(today + "||bob"));
        assertEquals(6, first.size(), first.toString());

        rollUp(); // recomputed whole: the same figures, nothing twice
        assertEquals(first, figures());
        assertTrue(first.values().stream().allMatch(v -> v.stream().allMatch(x -> x >= 0)));
    }
}
