package io.parley.common.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.parley.common.wire.ServerFrame;

/**
 * What travels on a participant's Redis channel: one of these kinds. On the wire it is an object with one field
 * named by the kind ({@code {"message":{…}}}, {@code {"conversation":{…}}}, …), readable with
 * {@code redis-cli subscribe}; readers tell the kind by that field. Typing and read events are ephemeral: gateways
 * publish them directly, they never pass through Kafka or PostgreSQL; so are the bot's alerts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({ @JsonSubTypes.Type(ChannelEvent.Message.class), @JsonSubTypes.Type(ChannelEvent.Conversation.class),
    @JsonSubTypes.Type(ChannelEvent.Rejected.class), @JsonSubTypes.Type(ChannelEvent.Typing.class),
    @JsonSubTypes.Type(ChannelEvent.Read.class), @JsonSubTypes.Type(ChannelEvent.Result.class),
    @JsonSubTypes.Type(ChannelEvent.Alert.class), @JsonSubTypes.Type(ChannelEvent.Csat.class) })
public sealed interface ChannelEvent {

    /** A stored message of one of the participant's conversations. */
    record Message(SequencedMessage message) implements ChannelEvent {
    }

    /** A conversation of the participant changed (status, assignee, place in the queue). */
    record Conversation(ConversationChanged conversation) implements ChannelEvent {
    }

    /** Routing refused the participant's send; nothing was stored. */
    record Rejected(SendRejected rejected) implements ChannelEvent {
    }

    record Typing(ServerFrame.Typing typing) implements ChannelEvent {
    }

    record Read(ServerFrame.Read read) implements ChannelEvent {
    }

    /** Routing's answer to the participant's action. */
    record Result(CommandResult result) implements ChannelEvent {
    }

    /** Published by the bot to an assigned agent's channel (advisory: not durable, not replayed). */
    record Alert(ServerFrame.Alert alert) implements ChannelEvent {
    }

    /** Published by the gateway that took a visitor's rating, to the visitor's and the assignee's channels. */
    record Csat(ServerFrame.Csat csat) implements ChannelEvent {
    }

    static ChannelEvent of(ServerFrame.Csat csat) {
        return new Csat(csat);
    }

    static ChannelEvent of(SequencedMessage message) {
        return new Message(message);
    }

    static ChannelEvent of(ConversationChanged conversation) {
        return new Conversation(conversation);
    }

    static ChannelEvent of(SendRejected rejected) {
        return new Rejected(rejected);
    }

    static ChannelEvent of(ServerFrame.Typing typing) {
        return new Typing(typing);
    }

    static ChannelEvent of(ServerFrame.Read read) {
        return new Read(read);
    }

    static ChannelEvent of(ServerFrame.Alert alert) {
        return new Alert(alert);
    }

    static ChannelEvent of(CommandResult result) {
        return new Result(result);
    }
}
