package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testkit.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The multi-process tests' common ground: a tenant of their own, the platform stopped afterwards, and the final
 * check that a conversation's thread is stored exactly once, in order, matching every ack and every observer.
 */
final class StoredThread {
    private StoredThread() {
    }

    /** A new tenant (id {@code <prefix>-<random>}) whose pages may come from {@code origin}. */
    static String newTenant(Pool db, String prefix, String origin) throws Exception {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        db.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .execute(Tuple.of(tenant, (Object) new String[] { origin })).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return tenant;
    }

    /** SIGTERM to each process still running (in the order given), then the test's Vert.x. */
    static void stop(Vertx vertx, ServiceProcess... processes) {
        for (ServiceProcess p : processes) {
            if (p != null) {
                p.close();
            }
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    /**
     * The conversation holds exactly {@code total} messages with seq 1..total; each one's ack (in the map of its
     * sender's kind) names it, and every observer holds it at its seq.
     */
    static void assertStoredOnceInOrder(Pool db, String conversation, long total, Map<String, SeenMessages> ackedBy,
            SeenMessages... observers) throws Exception {
        var rows = db.preparedQuery("SELECT seq, id, sender_kind, client_msg_id FROM message WHERE conversation_id = $1"
                + " ORDER BY seq").execute(Tuple.of(conversation)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertEquals(total, rows.size(), "stored messages");
        long expectedSeq = 1;
        for (Row row : rows) {
            assertEquals(expectedSeq++, row.getLong("seq"));
            JsonNode ack = ackedBy.get(row.getString("sender_kind")).acks.get(row.getString("client_msg_id"));
            assertEquals(row.getString("id"), ack.path("id").asText(), "ack of " + row.getString("client_msg_id"));
            for (SeenMessages observer : observers) {
                assertEquals(row.getString("id"), observer.idBySeq.get(row.getLong("seq")));
            }
        }
    }
}
