package io.parley.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Kafka topic names for code (tests, benchmarks), read from {@code io/parley/common/topics.properties}: the one
 * place that defines them for the services' configuration ({@link TopicsConfigSource}) and for {@code ./parley}.
 * These are the names without a {@code parley.kafka.topic-prefix}.
 */
public final class Topics {
    /** Where the topics are defined. */
    public static final String FILE = "io/parley/common/topics.properties";

    private static final Properties DEFINED = load();

    /** Sends accepted by a gateway, keyed by conversation id; consumed by routing. */
    public static final String INBOUND = name("inbound");
    /** Sequenced, durable messages for downstream consumers (bot, analytics), keyed by conversation id. */
    public static final String MESSAGES = name("messages");
    /** Agents' and supervisors' actions on conversations, keyed by conversation id; consumed by routing. */
    public static final String COMMANDS = name("commands");
    /** Conversation lifecycle events (opened, assigned, closed), keyed by conversation id. */
    public static final String CONVERSATIONS = name("conversations");
    /** Ticket changes (created, updated, reply, note), keyed by ticket id; produced by the gateway. */
    public static final String TICKETS = name("tickets");
    /** Records a consumer could not read, as they were ({@code io.parley.common.kafka.DeadLetters}). */
    public static final String DEAD_LETTER = name("dead-letter");

    private Topics() {
    }

    static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Topics.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + FILE);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String name(String topic) {
        String value = DEFINED.getProperty("parley.kafka.topics." + topic + ".name");
        if (value == null) {
            throw new IllegalStateException(FILE + " defines no topic " + topic);
        }
        return value.replace("${parley.kafka.topic-prefix:}", "");
    }
}
