package io.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor under the chat path: one produce (acks=all, linger 1 ms, as the services configure it) and one
 * consume on the same broker, at the same rates, on a topic of its own so Parley's topics are untouched.
 */
final class KafkaBaseline implements AutoCloseable {
    static final String TOPIC = "parley.bench";
    private static final int PARTITIONS = 12;
    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;

    KafkaBaseline(String bootstrap) throws Exception {
        this.bootstrap = bootstrap;
        ensureTopic();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "parley-bench-" + UUID.randomUUID());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            partitions.add(new TopicPartition(TOPIC, i));
        }
        // Manual assignment at the log end: no group rebalance delay, and older bench records are skipped.
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    private void ensureTopic() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (!names.contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Produce -> consume latency; the consumer runs on its own thread while this thread paces the producer. */
    Result run(int ratePerSec, long warmupMs, long measureMs, long drainMs) throws Exception {
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        long windowEnd = windowStart + TimeUnit.MILLISECONDS.toNanos(measureMs);
        Latencies latencies = new Latencies(windowStart, windowEnd);
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (consuming.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    latencies.record(Long.parseLong(record.value()), System.nanoTime());
                }
            }
        }, "bench-kafka-consumer");
        reader.start();
        long sent = 0;
        long sentInWindow = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= windowEnd) {
                break;
            }
            long due = (now - start) * ratePerSec / 1_000_000_000L;
            while (sent < due) {
                long t = System.nanoTime();
                // 200 keys, like 200 visitors' conversations, spread over the partitions.
                producer.send(new ProducerRecord<>(TOPIC, "c" + (sent % 200), Long.toString(t)));
                sent++;
                if (latencies.inWindow(t)) {
                    sentInWindow++;
                }
            }
            LockSupport.parkNanos(200_000);
        }
        producer.flush();
        Thread.sleep(drainMs);
        consuming.set(false);
        reader.join();
        return new Result(ratePerSec, sentInWindow, latencies.summary());
    }

    record Result(int rate, long sent, Latencies.Summary latency) {
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
