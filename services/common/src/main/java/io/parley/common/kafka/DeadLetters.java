package io.parley.common.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where a record that cannot be read goes: the dead-letter topic ({@code parley.kafka.topics.dead-letter.name}), its
 * bytes unchanged, with headers naming the topic it came from and why it could not be read. Every Parley consumer
 * names this handler ({@code value-deserialization-failure-handler=parley-dead-letters}); the consumer then gets
 * null for that record and goes on, and the record is on the dead-letter topic before its offset can be committed
 * (the send is awaited), so nothing is lost and nothing blocks the partition. Counted in
 * {@code parley_dead_letters_total{topic}}.
 */
@ApplicationScoped
@Identifier(DeadLetters.HANDLER)
public class DeadLetters implements DeserializationFailureHandler<Object> {
    public static final String HANDLER = "parley-dead-letters";
    public static final String SOURCE_TOPIC = "parley-dead-letter-topic";
    public static final String REASON = "parley-dead-letter-reason";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final String bootstrap;
    private final String topic;
    private final MeterRegistry registry;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "parley.kafka.topics.dead-letter.name") String topic, MeterRegistry registry) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.registry = registry;
    }

    @Override
    public Object handleDeserializationFailure(String from, boolean isKey, String deserializer, byte[] data,
            Exception exception, Headers headers) {
        Headers kept = headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
        kept.add(SOURCE_TOPIC, from.getBytes(StandardCharsets.UTF_8));
        kept.add(REASON, String.valueOf(exception.getMessage()).getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(new ProducerRecord<byte[], byte[]>(topic, null, null, data, kept)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Not safe yet: fail the record, so the consumer stops here and reads it again, instead of losing it.
            throw new IllegalStateException("unreadable record of " + from + " could not be dead-lettered", e);
        }
        registry.counter("parley_dead_letters_total", "topic", from).increment();
        LOG.errorf("unreadable record of %s moved to %s: %s", from, topic, exception.getMessage());
        return null;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 9_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
