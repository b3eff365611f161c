package io.parley.routing.domain;

import io.parley.common.Ids;
import io.parley.common.event.InboundMessage;
import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What one Kafka batch does to the database, decided in memory from what the batch's queries read: the locked
 * conversation rows and the messages already stored under the batch's idempotency keys. Sends are taken in batch
 * order (partition order, so conversation order); each accepted new send gets {@code last_seq + 1} of its
 * conversation as it stands after the sends before it. Pure logic, so the rules are unit-testable.
 */
public final class SequencingPlan {
    private final List<SequencingOutcome> outcomes = new ArrayList<>();
    private final List<SequencedMessage> inserts = new ArrayList<>();
    private final Map<String, Long> lastSeqs = new LinkedHashMap<>();

    private SequencingPlan() {
    }

    /**
     * @param opened conversations this batch's INSERT created (their first stored send is marked {@code opened})
     * @param locked the batch's conversations as locked in this transaction, by id
     * @param stored messages already in the database under the batch's idempotency keys
     */
    public static SequencingPlan of(List<InboundMessage> batch, Set<String> opened,
            Map<String, ConversationRow> locked, Map<IdempotencyKey, SequencedMessage> stored, LongSupplier clock) {
        SequencingPlan plan = new SequencingPlan();
        Map<String, ConversationRow> current = new HashMap<>(locked);
        Map<IdempotencyKey, SequencedMessage> known = new HashMap<>(stored);
        Set<String> notYetAnnounced = new HashSet<>(opened);
        for (InboundMessage in : batch) {
            ConversationRow conv = current.get(in.conversationId());
            SendRejected refusal = authorise(in, conv);
            if (refusal != null) {
                plan.outcomes.add(new SequencingOutcome.Rejected(refusal));
                continue;
            }
            IdempotencyKey key = IdempotencyKey.of(in);
            SequencedMessage earlier = known.get(key);
            if (earlier != null) {
                plan.outcomes.add(new SequencingOutcome.Stored(earlier, conv, false, true, handoffOf(in)));
                continue;
            }
            long seq = conv.lastSeq() + 1;
            SequencedMessage message = new SequencedMessage(in.tenant(), in.conversationId(), Ids.uuidV7(), seq,
                    in.clientMsgId(), in.sender(), in.text(), clock.getAsLong(), in.receivedAt(), in.parts());
            ConversationRow updated = conv.withLastSeq(seq);
            current.put(conv.id(), updated);
            known.put(key, message);
            plan.inserts.add(message);
            plan.lastSeqs.put(conv.id(), seq);
            plan.outcomes.add(new SequencingOutcome.Stored(message, updated, notYetAnnounced.remove(conv.id()),
                    false, handoffOf(in)));
        }
        return plan;
    }

    /** A handoff counts only on a bot's send. */
    private static Handoff handoffOf(InboundMessage in) {
        return in.sender().kind() == Participant.Kind.BOT ? in.handoff() : null;
    }

    /**
     * Only the conversation's visitor and its assigned agent may write; a bot only while the conversation is with
     * the bot (never once a human has it); system senders within the tenant.
     */
    static SendRejected authorise(InboundMessage in, ConversationRow conv) {
        if (conv == null || !conv.tenant().equals(in.tenant())) {
            // Another tenant's conversation is reported exactly like a missing one: ids do not leak.
            return rejected(in, ErrorCode.NOT_FOUND, "no such conversation");
        }
        boolean allowed = switch (in.sender().kind()) {
            case VISITOR -> conv.visitorId().equals(in.sender().id());
            case AGENT -> in.sender().id().equals(conv.assigneeId());
            case BOT -> conv.status() == ConversationStatus.BOT;
            case SYSTEM -> true;
        };
        if (!allowed && in.sender().kind() == Participant.Kind.BOT) {
            return rejected(in, ErrorCode.INVALID_STATE, "the conversation is no longer with the bot");
        }
        return allowed ? null
                : rejected(in, ErrorCode.FORBIDDEN, "you are not a participant of this conversation");
    }

    private static SendRejected rejected(InboundMessage in, ErrorCode code, String reason) {
        return new SendRejected(in.tenant(), in.conversationId(), in.sender(), in.clientMsgId(), code, reason);
    }

    /** One outcome per send, in batch order. */
    public List<SequencingOutcome> outcomes() {
        return outcomes;
    }

    /** New messages to insert, in batch order. */
    public List<SequencedMessage> inserts() {
        return inserts;
    }

    /** The new {@code last_seq} of every conversation that got messages. */
    public Map<String, Long> lastSeqs() {
        return lastSeqs;
    }

    /** The unique key that makes a send idempotent: conversation, sender and clientMsgId. */
    public record IdempotencyKey(String conversationId, Participant.Kind senderKind, String senderId,
            String clientMsgId) {

        public static IdempotencyKey of(InboundMessage in) {
            return new IdempotencyKey(in.conversationId(), in.sender().kind(), in.sender().id(), in.clientMsgId());
        }
    }
}
