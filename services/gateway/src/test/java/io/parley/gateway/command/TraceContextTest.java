package io.parley.gateway.command;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.Topics;
import io.parley.gateway.ChatClients;
import io.parley.gateway.TestSocket;
import io.parley.testkit.OidcTestKeys;
import io.parley.testkit.TopicTail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (QUARKUS_OTEL_SDK_DISABLED=false, as the chart's metrics.tracing.enabled sets), a visitor's send
 * goes onto parley.inbound with the trace context in a W3C traceparent header, which routing's consumer continues:
 * one trace from the socket through Kafka.
 */
@QuarkusTest
@TestProfile(TraceContextTest.Tracing.class)
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TraceContextTest {
    private static final String ORIGIN = "https://shop.example";

    public static class Tracing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Spans are made and propagated; none is exported (no collector here).
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
        }
    }

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aSendCarriesItsTraceIntoKafka() throws Exception {
        String tenant = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
        try (KafkaConsumer<String, String> consumer = TopicTail.open(bootstrap, Topics.INBOUND)) {

            String token = ChatClients.visitorToken(base.getPort(), tenant, ORIGIN);
            try (TestSocket visitor = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", token, ORIGIN)) {
                visitor.next("welcome");
                visitor.send(ChatClients.send("traced-1", null, "is this traced?"));
                Header traceparent = null;
                long deadline = System.currentTimeMillis() + 15_000;
                while (traceparent == null && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value().contains("\"traced-1\"") && record.value().contains(tenant)) {
                            traceparent = record.headers().lastHeader("traceparent");
                            assertNotNull(traceparent, "the send's record has no traceparent header");
                        }
                    }
                }
                assertNotNull(traceparent, "the send never reached " + Topics.INBOUND);
                String value = new String(traceparent.value(), StandardCharsets.UTF_8);
                assertTrue(value.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), value);
            }
        }
    }
}
