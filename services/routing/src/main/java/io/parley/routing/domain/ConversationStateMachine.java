package io.parley.routing.domain;

import static io.parley.common.model.ConversationStatus.ASSIGNED;
import static io.parley.common.model.ConversationStatus.BOT;
import static io.parley.common.model.ConversationStatus.CLOSED;
import static io.parley.common.model.ConversationStatus.OPEN;
import static io.parley.common.model.ConversationStatus.QUEUED;

import io.parley.common.model.ConversationStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * The conversation lifecycle as one table: which action is allowed in which status and where it leads.
 *
 * <pre>
 *   open ──START_BOT──▶ bot ──ENQUEUE──▶ queued ──ASSIGN──▶ assigned ──TRANSFER_TO_GROUP──▶ queued
 *   open ──ENQUEUE────────────────────▶ queued              assigned ──TRANSFER_TO_AGENT──▶ assigned
 *   queued/assigned ──REASSIGN──▶ assigned      any but closed ──CLOSE──▶ closed ──REOPEN──▶ queued
 * </pre>
 */
public final class ConversationStateMachine {
    private static final Map<ConversationStatus, Map<ConversationAction, ConversationStatus>> TABLE =
            new EnumMap<>(ConversationStatus.class);

    static {
        allow(OPEN, ConversationAction.START_BOT, BOT);
        allow(OPEN, ConversationAction.ENQUEUE, QUEUED);
        allow(BOT, ConversationAction.ENQUEUE, QUEUED);
        allow(QUEUED, ConversationAction.ASSIGN, ASSIGNED);
        allow(QUEUED, ConversationAction.REASSIGN, ASSIGNED);
        allow(ASSIGNED, ConversationAction.TRANSFER_TO_AGENT, ASSIGNED);
        allow(ASSIGNED, ConversationAction.TRANSFER_TO_GROUP, QUEUED);
        allow(ASSIGNED, ConversationAction.REASSIGN, ASSIGNED);
        for (ConversationStatus live : new ConversationStatus[] { OPEN, BOT, QUEUED, ASSIGNED }) {
            allow(live, ConversationAction.CLOSE, CLOSED);
        }
        allow(CLOSED, ConversationAction.REOPEN, QUEUED);
    }

    private ConversationStateMachine() {
    }

    private static void allow(ConversationStatus from, ConversationAction action, ConversationStatus to) {
        TABLE.computeIfAbsent(from, f -> new EnumMap<>(ConversationAction.class)).put(action, to);
    }

    /** The status after {@code action}; throws {@link IllegalTransitionException} when it is not allowed. */
    public static ConversationStatus next(ConversationStatus from, ConversationAction action) {
        ConversationStatus to = TABLE.getOrDefault(from, Map.of()).get(action);
        if (to == null) {
            throw new IllegalTransitionException(from, action);
        }
        return to;
    }

    public static boolean allows(ConversationStatus from, ConversationAction action) {
        return TABLE.getOrDefault(from, Map.of()).containsKey(action);
    }
}
