package io.parley.common.kafka;

import io.parley.common.event.ConversationChanged;
import io.parley.common.event.ConversationCommand;
import io.parley.common.event.InboundMessage;
import io.parley.common.event.SequencedMessage;
import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Parley record from the JSON of {@link Json}. One subclass per topic's record type, named in the channels'
 * {@code value.deserializer}; a record that cannot be read fails here and goes to the dead-letter topic
 * ({@link DeadLetters}).
 */
public abstract class JsonDeserializer<T> implements Deserializer<T> {
    private final Class<T> type;

    protected JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return Json.read(new String(data, StandardCharsets.UTF_8), type);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** {@code parley.inbound}. */
    public static class OfInboundMessage extends JsonDeserializer<InboundMessage> {
        public OfInboundMessage() {
            super(InboundMessage.class);
        }
    }

    /** {@code parley.commands}. */
    public static class OfConversationCommand extends JsonDeserializer<ConversationCommand> {
        public OfConversationCommand() {
            super(ConversationCommand.class);
        }
    }

    /** {@code parley.messages}. */
    public static class OfSequencedMessage extends JsonDeserializer<SequencedMessage> {
        public OfSequencedMessage() {
            super(SequencedMessage.class);
        }
    }

    /** {@code parley.conversations}. */
    public static class OfConversationChanged extends JsonDeserializer<ConversationChanged> {
        public OfConversationChanged() {
            super(ConversationChanged.class);
        }
    }

    /** {@code parley.tickets}. */
    public static class OfTicketChanged extends JsonDeserializer<TicketChanged> {
        public OfTicketChanged() {
            super(TicketChanged.class);
        }
    }
}
