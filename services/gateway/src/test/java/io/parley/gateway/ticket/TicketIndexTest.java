package io.parley.gateway.ticket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testkit.OidcTestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ticket list's queries are index range scans, shown with EXPLAIN on 40,000 tickets of 20 tenants (the plans
 * are printed to the test log): the agent's-queue filter uses {@code ticket_by_status_assignee}, the active list
 * the partial {@code ticket_open}, a keyset page continues inside the index, and none reads the table in full.
 */
@QuarkusTest
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TicketIndexTest {
    @Inject
    Pool pool;

    String explain(TicketList.Sql list) {
        StringBuilder plan = new StringBuilder();
        for (Row row : pool.preparedQuery("EXPLAIN " + list.sql()).executeAndAwait(list.params())) {
            plan.append(row.getString(0)).append('\n');
        }
        System.out.println("EXPLAIN " + list.sql() + "\n" + plan);
        return plan.toString();
    }

    @Test
    void listQueriesAreIndexRangeScans() {
        String prefix = "ix-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        pool.query("INSERT INTO tenant (id, name) SELECT '" + prefix + "' || t, 'x' FROM generate_series(0, 19) t")
                .executeAndAwait();
        pool.query("""
                INSERT INTO ticket (tenant_id, subject, requester_id, status, assignee_id, group_id, tags, created_at)
                SELECT '%s' || (n %% 20), 'subject ' || n, 'v' || n,
                       (ARRAY['open', 'pending', 'solved', 'closed', 'closed', 'solved', 'closed', 'solved'])[1 + n %% 8],
                       'agent-' || (n %% 37), 'group-' || (n %% 5), ARRAY['tag-' || (n %% 11)],
                       now() - make_interval(mins => n)
                FROM generate_series(1, 40000) n""".formatted(prefix)).executeAndAwait();
        pool.query("ANALYZE ticket").executeAndAwait();
        String tenant = prefix + "3";

        String queue = explain(TicketList.sql(tenant, new TicketList.Query("open", "agent-3", null, null, null,
                null, "created_desc", null, null, 25)));
        assertTrue(queue.contains("ticket_by_status_assignee"), queue);

        String active = explain(TicketList.sql(tenant, new TicketList.Query("active", null, null, null, null,
                null, "created_desc", null, null, 25)));
        assertTrue(active.contains("ticket_open"), active);

        Row last = pool.preparedQuery("SELECT created_at, id FROM ticket WHERE tenant_id = $1 ORDER BY created_at DESC,"
                + " id DESC OFFSET 500 LIMIT 1").executeAndAwait(Tuple.of(tenant)).iterator().next();
        String page = explain(TicketList.sql(tenant, new TicketList.Query(null, null, null, null, null, null,
                "created_desc", last.getOffsetDateTime("created_at"), last.getLong("id"), 25)));
        assertTrue(page.contains("Index"), page);

        for (String plan : new String[] { queue, active, page }) {
            assertFalse(plan.contains("Seq Scan on ticket"), plan);
        }
    }
}
