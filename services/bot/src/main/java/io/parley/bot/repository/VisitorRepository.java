package io.parley.bot.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the widget told about a visitor (the {@code visitor} table, written by the gateway's widget sessions): their
 * name and attributes, for {@code {{visitor.name}}} and {@code {{visitor.<attribute>}}} in prompts. Read on the
 * listener's worker thread; a visitor the gateway has no record of, or a database that does not answer within a
 * second, gives no attributes rather than no answer.
 */
@ApplicationScoped
public class VisitorRepository {
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Pool pool;

    public VisitorRepository(Pool pool) {
        this.pool = pool;
    }

    /** Attribute name -> value as text (numbers and booleans as JSON writes them), plus {@code name} if known. */
    public Map<String, String> attributes(String tenant, String visitorId) {
        Map<String, String> values = new LinkedHashMap<>();
        RowSet<Row> rows;
        try {
            rows = pool.preparedQuery("SELECT name, attributes::text AS attributes FROM visitor WHERE tenant_id = $1 AND id = $2")
                    .execute(Tuple.of(tenant, visitorId)).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("visitor %s of %s: attributes not read (%s); the prompt goes without them", visitorId, tenant,
                    e.getMessage());
            return values;
        }
        for (Row row : rows) {
            Json.read(row.getString("attributes"), JsonNode.class).properties().forEach(attribute -> {
                JsonNode value = attribute.getValue().path("value");
                values.put(attribute.getKey(), value.isTextual() ? value.asText() : value.toString());
            });
            if (row.getString("name") != null) {
                values.put("name", row.getString("name"));
            }
        }
        return values;
    }
}
