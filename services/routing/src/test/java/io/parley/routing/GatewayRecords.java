package io.parley.routing;

import io.parley.common.Topics;
import io.parley.common.event.ConversationCommand;
import io.parley.common.event.InboundMessage;
import io.parley.common.json.Json;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the gateway in routing's tests: writes what a gateway would to the real broker (keyed by conversation id,
 * acks=all) and returns once the broker has it.
 */
public final class GatewayRecords implements AutoCloseable {
    private final KafkaProducer<String, String> producer;

    public GatewayRecords(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** One send on {@link Topics#INBOUND} with a producer of its own. */
    public static void sendOnce(String bootstrap, InboundMessage message) throws Exception {
        try (GatewayRecords gateway = new GatewayRecords(bootstrap)) {
            gateway.send(message);
        }
    }

    public void send(InboundMessage message) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INBOUND, message.conversationId(), Json.write(message))).get();
    }

    /** Bytes no gateway would write (a bug, a foreign producer), keyed by {@code key}. */
    public void sendRaw(String topic, String key, String text) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, text)).get();
    }

    public void send(ConversationCommand command) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.conversationId(), Json.write(command))).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
