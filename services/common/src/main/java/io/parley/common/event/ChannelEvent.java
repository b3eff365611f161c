package io.parley.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.wire.ServerFrame;

/**
 * What travels on a participant's Redis channel: exactly one of the fields is set. A wrapper rather than
 * polymorphic JSON keeps the payload readable with {@code redis-cli subscribe}. Typing and read events are
 * ephemeral: gateways publish them directly, they never pass through Kafka or PostgreSQL; so are the bot's alerts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelEvent(SequencedMessage message, ConversationChanged conversation, SendRejected rejected,
        ServerFrame.Typing typing, ServerFrame.Read read, CommandResult result, ServerFrame.Alert alert) {

    public static ChannelEvent of(SequencedMessage message) {
        return new ChannelEvent(message, null, null, null, null, null, null);
    }

    public static ChannelEvent of(ConversationChanged conversation) {
        return new ChannelEvent(null, conversation, null, null, null, null, null);
    }

    public static ChannelEvent of(SendRejected rejected) {
        return new ChannelEvent(null, null, rejected, null, null, null, null);
    }

    public static ChannelEvent of(ServerFrame.Typing typing) {
        return new ChannelEvent(null, null, null, typing, null, null, null);
    }

    public static ChannelEvent of(ServerFrame.Read read) {
        return new ChannelEvent(null, null, null, null, read, null, null);
    }

    /** Published by the bot to an assigned agent's channel (advisory: not durable, not replayed). */
    public static ChannelEvent of(ServerFrame.Alert alert) {
        return new ChannelEvent(null, null, null, null, null, null, alert);
    }

    public static ChannelEvent of(CommandResult result) {
        return new ChannelEvent(null, null, null, null, null, result, null);
    }
}
