package io.parley.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.model.ConversationStatus;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every (status, action) pair: the allowed ones lead where the lifecycle says, all others are refused. */
class ConversationStateMachineTest {
    private static final Map<ConversationStatus, Map<ConversationAction, ConversationStatus>> EXPECTED =
            new EnumMap<>(ConversationStatus.class);

    static {
        expect(ConversationStatus.OPEN, ConversationAction.START_BOT, ConversationStatus.BOT);
        expect(ConversationStatus.OPEN, ConversationAction.ENQUEUE, ConversationStatus.QUEUED);
        expect(ConversationStatus.OPEN, ConversationAction.CLOSE, ConversationStatus.CLOSED);
        expect(ConversationStatus.BOT, ConversationAction.ENQUEUE, ConversationStatus.QUEUED);
        expect(ConversationStatus.BOT, ConversationAction.CLOSE, ConversationStatus.CLOSED);
        expect(ConversationStatus.QUEUED, ConversationAction.ASSIGN, ConversationStatus.ASSIGNED);
        expect(ConversationStatus.QUEUED, ConversationAction.REASSIGN, ConversationStatus.ASSIGNED);
        expect(ConversationStatus.QUEUED, ConversationAction.CLOSE, ConversationStatus.CLOSED);
        expect(ConversationStatus.ASSIGNED, ConversationAction.TRANSFER_TO_AGENT, ConversationStatus.ASSIGNED);
        expect(ConversationStatus.ASSIGNED, ConversationAction.TRANSFER_TO_GROUP, ConversationStatus.QUEUED);
        expect(ConversationStatus.ASSIGNED, ConversationAction.REASSIGN, ConversationStatus.ASSIGNED);
        expect(ConversationStatus.ASSIGNED, ConversationAction.CLOSE, ConversationStatus.CLOSED);
        expect(ConversationStatus.CLOSED, ConversationAction.REOPEN, ConversationStatus.QUEUED);
    }

    private static void expect(ConversationStatus from, ConversationAction action, ConversationStatus to) {
        EXPECTED.computeIfAbsent(from, f -> new EnumMap<>(ConversationAction.class)).put(action, to);
    }

    @Test
    void everyPairIsEitherTheDocumentedTransitionOrRefused() {
        int allowed = 0;
        int refused = 0;
        for (ConversationStatus from : ConversationStatus.values()) {
            for (ConversationAction action : ConversationAction.values()) {
                ConversationStatus expected = EXPECTED.getOrDefault(from, Map.of()).get(action);
                if (expected != null) {
                    assertTrue(ConversationStateMachine.allows(from, action), from + " " + action);
                    assertEquals(expected, ConversationStateMachine.next(from, action), from + " " + action);
                    allowed++;
                } else {
                    assertFalse(ConversationStateMachine.allows(from, action), from + " " + action);
                    var e = assertThrows(IllegalTransitionException.class,
                            () -> ConversationStateMachine.next(from, action));
                    assertEquals(from, e.from());
                    assertEquals(action, e.action());
                    refused++;
                }
            }
        }
        assertEquals(13, allowed);
        assertEquals(ConversationStatus.values().length * ConversationAction.values().length - 13, refused);
    }

    @Test
    void refusalsSayWhatWasAttempted() {
        var e = assertThrows(IllegalTransitionException.class,
                () -> ConversationStateMachine.next(ConversationStatus.QUEUED, ConversationAction.TRANSFER_TO_AGENT));
        assertEquals("cannot transfer to agent a conversation that is queued", e.getMessage());
        assertThrows(IllegalTransitionException.class,
                () -> ConversationStateMachine.next(ConversationStatus.CLOSED, ConversationAction.CLOSE));
        assertThrows(IllegalTransitionException.class,
                () -> ConversationStateMachine.next(ConversationStatus.ASSIGNED, ConversationAction.REOPEN));
    }
}
