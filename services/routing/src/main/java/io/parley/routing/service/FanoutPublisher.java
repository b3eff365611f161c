package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.parley.common.Topics;
import io.parley.common.event.ChannelEvent;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.model.VisitorProfile;
import io.parley.routing.domain.ConversationRow;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Sends what routing decided to where it is needed: each participant's Redis channel (gateways holding their
 * sockets are subscribed) and the Kafka topics for downstream consumers.
 *
 * <p>Work is collected into a {@link Batch} and sent in one go: all Redis PUBLISHes as one pipeline on one
 * connection, all Kafka records handed to the producer in order, then one wait for everything. Order is kept
 * (one Redis connection delivers in pipeline order; the idempotent producer keeps partition order) while a batch
 * of N messages costs about one round trip instead of N. Conversation changes bound for agents carry the visitor's
 * profile (name, verified flag, attributes): a batch with such changes reads those visitors once, before sending.
 */
@ApplicationScoped
public class FanoutPublisher {
    /** Channels writing to {@link Topics#MESSAGES} and {@link Topics#CONVERSATIONS}. */
    public static final String MESSAGES_CHANNEL = "messages-out";
    public static final String CONVERSATIONS_CHANNEL = "conversations-out";

    private final Redis redis;
    private final VisitorDirectory visitors;
    private final MutinyEmitter<Record<String, SequencedMessage>> messages;
    private final MutinyEmitter<Record<String, ConversationChanged>> conversations;

    public FanoutPublisher(Redis redis, VisitorDirectory visitors,
            @Channel(MESSAGES_CHANNEL) MutinyEmitter<Record<String, SequencedMessage>> messages,
            @Channel(CONVERSATIONS_CHANNEL) MutinyEmitter<Record<String, ConversationChanged>> conversations) {
        this.redis = redis;
        this.visitors = visitors;
        this.messages = messages;
        this.conversations = conversations;
    }

    public Batch batch() {
        return new Batch();
    }

    /** Announces one conversation change on its own (queue sweeps). */
    public Uni<Void> conversation(ConversationRow conversation) {
        return batch().conversation(conversation).send();
    }

    /** Fan-out work in the order it must arrive; nothing leaves before {@link #send()}. */
    public final class Batch {
        /** In send order; those for agents' conversation frames wait for the visitors' profiles. */
        private final List<Function<Map<VisitorDirectory.Key, VisitorProfile>, Request>> publishes = new ArrayList<>();
        private final Set<VisitorDirectory.Key> profilesNeeded = new LinkedHashSet<>();
        private final List<Uni<Void>> records = new ArrayList<>();

        private Batch() {
        }

        public Batch message(SequencedMessage message, ConversationRow conversation) {
            publishAll(participants(conversation, message.sender()), message.tenant(),
                    Json.write(ChannelEvent.of(message)));
            // The topic's consumers (the bot) need the status the message was stored in; sockets do not.
            records.add(messages.send(Record.of(message.conversationId(),
                    message.withConversation(conversation.status(), conversation.assigneeId()))));
            return this;
        }

        public Batch conversation(ConversationRow conversation) {
            return conversation(conversation, null);
        }

        /** A status change; {@code place} adds the queue position and wait for the participants' sockets. */
        public Batch conversation(ConversationRow conversation, ConversationChanged place) {
            return conversation(conversation, place, null);
        }

        /** As above, also telling {@code formerAgent} (an agent who just lost the conversation). */
        public Batch conversation(ConversationRow conversation, ConversationChanged place, String formerAgent) {
            ConversationChanged changed = conversation.changed();
            // With a place, the frame is as recent as the place (gateways drop places overtaken in flight).
            ConversationChanged shown = place == null || changed.status() != ConversationStatus.QUEUED ? changed
                    : changed.withPlace(place);
            Set<Participant> to = participants(conversation, null);
            if (formerAgent != null) {
                to.add(Participant.agent(formerAgent, null));
            }
            String tenant = conversation.tenant();
            String plain = Json.write(ChannelEvent.of(shown));
            VisitorDirectory.Key visitor = new VisitorDirectory.Key(tenant, conversation.visitorId());
            for (Participant p : to) {
                String channel = RedisKeys.participantChannel(tenant, p.kind(), p.id());
                if (p.kind() == Participant.Kind.AGENT) {
                    profilesNeeded.add(visitor);
                    publishes.add(profiles -> publish(channel,
                            Json.write(ChannelEvent.of(shown.withVisitor(profiles.get(visitor))))));
                } else {
                    publishes.add(profiles -> publish(channel, plain));
                }
            }
            records.add(conversations.send(Record.of(conversation.id(), changed)));
            return this;
        }

        /**
         * A waiting visitor's new place in the queue: to their sockets only. The Kafka topic carries status
         * changes, not every shuffle of the queue.
         */
        public Batch queuePlace(ConversationChanged place) {
            String payload = Json.write(ChannelEvent.of(place));
            publishes.add(profiles -> publish(
                    RedisKeys.participantChannel(place.tenant(), Participant.Kind.VISITOR, place.visitorId()), payload));
            return this;
        }

        /** The outcome of an action, to the actor's sockets. */
        public Batch result(CommandResult result) {
            Participant actor = result.actor();
            String payload = Json.write(ChannelEvent.of(result));
            publishes.add(profiles -> publish(RedisKeys.participantChannel(result.tenant(), actor.kind(), actor.id()),
                    payload));
            return this;
        }

        public Batch rejection(SendRejected rejected) {
            Participant sender = rejected.sender();
            String payload = Json.write(ChannelEvent.of(rejected));
            publishes.add(profiles -> publish(
                    RedisKeys.participantChannel(rejected.tenant(), sender.kind(), sender.id()), payload));
            return this;
        }

        /** Completes when Redis has taken every publish and Kafka has acknowledged every record. */
        public Uni<Void> send() {
            return visitors.profiles(profilesNeeded).chain(profiles -> {
                List<Uni<Void>> all = new ArrayList<>(records.size() + 1);
                // Uni.join subscribes in list order: the producer receives the records in the order they were added.
                all.addAll(records);
                if (!publishes.isEmpty()) {
                    all.add(redis.batch(publishes.stream().map(p -> p.apply(profiles)).toList()).replaceWithVoid());
                }
                return all.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(all).andFailFast().replaceWithVoid();
            });
        }

        private void publishAll(Set<Participant> participants, String tenant, String payload) {
            for (Participant p : participants) {
                String channel = RedisKeys.participantChannel(tenant, p.kind(), p.id());
                publishes.add(profiles -> publish(channel, payload));
            }
        }
    }

    private static Request publish(String channel, String payload) {
        return Request.cmd(Command.PUBLISH).arg(channel).arg(payload);
    }

    /** The visitor, the assignee, and the sender (a bot or system sender has no socket but costs nothing). */
    private static Set<Participant> participants(ConversationRow conversation, Participant sender) {
        Set<Participant> result = new LinkedHashSet<>();
        result.add(Participant.visitor(conversation.visitorId(), null));
        if (conversation.assigneeId() != null) {
            result.add(Participant.agent(conversation.assigneeId(), null));
        }
        if (sender != null) {
            result.add(new Participant(sender.kind(), sender.id(), null));
        }
        return result;
    }
}
