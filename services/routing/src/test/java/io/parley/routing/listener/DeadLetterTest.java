package io.parley.routing.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.Ids;
import io.parley.common.Topics;
import io.parley.common.event.InboundMessage;
import io.parley.common.kafka.DeadLetters;
import io.parley.common.model.Participant;
import io.parley.routing.GatewayRecords;
import io.parley.routing.TestStores;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A record routing cannot read goes to the dead-letter topic, bytes unchanged with the reason, and the sends around
 * it are stored as usual (on the real broker and database).
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anUnreadableSendIsDeadLetteredAndTheOthersAreStored() throws Exception {
        String tenant = "dlt-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").executeAndAwait(Tuple.of(tenant));
        String conversation = Ids.nextConversationId(tenant, "v1", null);
        String garbage = "{\"tenant\":\"" + tenant + "\",\"sender\":\"not a participant\", oops";
        Counter counted = registry.find("parley_dead_letters_total").tag("topic", Topics.INBOUND).counter();
        double before = counted == null ? 0 : counted.count();

        try (KafkaConsumer<byte[], byte[]> deadLetters = deadLetterConsumer();
                GatewayRecords gateway = new GatewayRecords(bootstrap)) {
            gateway.send(new InboundMessage(tenant, conversation, true, Participant.visitor("v1", null), "m1", "before",
                    "gw-test", System.currentTimeMillis()));
            gateway.sendRaw(Topics.INBOUND, conversation, garbage);
            gateway.send(new InboundMessage(tenant, conversation, false, Participant.visitor("v1", null), "m2", "after",
                    "gw-test", System.currentTimeMillis()));

            ConsumerRecord<byte[], byte[]> dead = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (dead == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : deadLetters.poll(Duration.ofMillis(200))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).equals(garbage)) {
                        dead = record;
                    }
                }
            }
            assertNotNull(dead, "the unreadable record is on " + Topics.DEAD_LETTER);
            assertEquals(Topics.INBOUND, new String(dead.headers().lastHeader(DeadLetters.SOURCE_TOPIC).value(),
                    StandardCharsets.UTF_8));
            assertTrue(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8)
                    .contains("InboundMessage"));
        }
        long storedDeadline = System.currentTimeMillis() + 20_000;
        List<String> stored = new ArrayList<>();
        while (stored.size() < 2 && System.currentTimeMillis() < storedDeadline) {
            stored.clear();
            pool.preparedQuery("SELECT body FROM message WHERE conversation_id = $1 ORDER BY seq")
                    .executeAndAwait(Tuple.of(conversation)).forEach(row -> stored.add(row.getString(0)));
            Thread.sleep(100);
        }
        assertEquals(List.of("before", "after"), stored, "the sends around it are stored, in order");
        assertEquals(before + 1, registry.find("parley_dead_letters_total").tag("topic", Topics.INBOUND).counter()
                .count());
    }

    KafkaConsumer<byte[], byte[]> deadLetterConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // settle the end before anything is sent
        return consumer;
    }
}
