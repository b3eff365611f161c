package io.parley.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The backlog gauge against the real broker ./parley starts: a topic of two partitions with 5 and 3 records, a
 * group that committed 2 on the first and nothing on the second. Starting at the earliest record it has 3 + 3
 * left; a group starting at the latest has 3 (the uncommitted partition counts as nothing).
 */
class ConsumerBacklogIT {
    private static final String BOOTSTRAP = System.getProperty("parley.kafka", "127.0.0.1:9092");

    @Test
    void measuresTheGroupsLagOnTheBroker() throws Exception {
        String topic = "backlog-it-" + UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put("bootstrap.servers", BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 8; i++) {
                    producer.send(new ProducerRecord<>(topic, i < 5 ? 0 : 1, null, "r" + i)).get();
                }
            }
            for (String group : List.of("early", "late")) {
                admin.alterConsumerGroupOffsets(topic + "-" + group,
                        Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2))).all().get();
            }
            Config config = new SmallRyeConfigBuilder().withDefaultValues(Map.of(
                    "mp.messaging.incoming.early.topic", topic,
                    "mp.messaging.incoming.early.group.id", topic + "-early",
                    "mp.messaging.incoming.early.auto.offset.reset", "earliest",
                    "mp.messaging.incoming.late.topic", topic,
                    "mp.messaging.incoming.late.group.id", topic + "-late")).build();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ConsumerBacklog backlog = new ConsumerBacklog(config, registry, BOOTSTRAP,
                    Optional.of(List.of("early", "late")), Duration.ofMillis(200));
            try {
                backlog.start(null);
                assertEquals(6.0, gauge(registry, topic + "-early", 6.0));
                assertEquals(3.0, gauge(registry, topic + "-late", 3.0));
            } finally {
                backlog.stop();
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    /** The gauge's value once it shows {@code wanted}, or whatever it shows after 15 s. */
    private static double gauge(SimpleMeterRegistry registry, String group, double wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        double value;
        do {
            value = registry.get("parley_messages_backlog").tag("group", group).gauge().value();
            if (value == wanted) {
                return value;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return value;
    }
}
