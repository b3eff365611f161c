package io.parley.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.event.InboundMessage;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;
import io.parley.routing.domain.SequencingPlan.IdempotencyKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory rules of one batch: seq numbering, in-batch and stored duplicates, authorisation. */
class SequencingPlanTest {
    private static final Participant ANN = Participant.visitor("v1", "Ann");
    private static final Participant AGENT = Participant.agent("a1", "Alice");
    private static final ConversationRow C1 = new ConversationRow("c1", "acme", "v1", ConversationStatus.ASSIGNED,
            "a1", 7);
    private static final ConversationRow C2 = new ConversationRow("c2", "acme", "v2", ConversationStatus.QUEUED,
            null, 0);

    private static InboundMessage send(String conversation, Participant sender, String clientMsgId) {
        return new InboundMessage("acme", conversation, false, sender, clientMsgId, "text " + clientMsgId, "gw", 1L);
    }

    private static SequencingPlan plan(List<InboundMessage> batch, Set<String> opened,
            Map<IdempotencyKey, SequencedMessage> stored) {
        return SequencingPlan.of(batch, opened, Map.of("c1", C1, "c2", C2), stored, () -> 42L);
    }

    private static SequencingOutcome.Stored stored(SequencingOutcome outcome) {
        return assertInstanceOf(SequencingOutcome.Stored.class, outcome);
    }

    @Test
    void seqsContinueFromLastSeqPerConversationInBatchOrder() {
        var plan = plan(List.of(send("c1", ANN, "a"), send("c2", Participant.visitor("v2", null), "b"),
                send("c1", AGENT, "c"), send("c1", ANN, "d")), Set.of(), Map.of());
        assertEquals(List.of(8L, 1L, 9L, 10L), plan.outcomes().stream().map(o -> stored(o).message().seq()).toList());
        assertEquals(Map.of("c1", 10L, "c2", 1L), plan.lastSeqs());
        assertEquals(4, plan.inserts().size());
        assertEquals(10, stored(plan.outcomes().get(3)).conversation().lastSeq());
        assertEquals(42L, plan.inserts().get(0).ts());
    }

    @Test
    void aResendInTheSameBatchReturnsTheFirstCopyAndBurnsNoSeq() {
        var plan = plan(List.of(send("c1", ANN, "a"), send("c1", ANN, "a"), send("c1", ANN, "b")), Set.of(),
                Map.of());
        var first = stored(plan.outcomes().get(0));
        var again = stored(plan.outcomes().get(1));
        assertTrue(again.duplicate());
        assertSame(first.message(), again.message());
        assertEquals(9, stored(plan.outcomes().get(2)).message().seq());
        assertEquals(2, plan.inserts().size());
    }

    @Test
    void aSendStoredEarlierIsReturnedUnchangedAndNotInserted() {
        var earlier = new SequencedMessage("acme", "c1", "m-old", 3, "a", ANN, "old", 5L, 4L);
        var plan = plan(List.of(send("c1", ANN, "a")), Set.of(),
                Map.of(new IdempotencyKey("c1", Participant.Kind.VISITOR, "v1", "a"), earlier));
        var outcome = stored(plan.outcomes().get(0));
        assertTrue(outcome.duplicate());
        assertSame(earlier, outcome.message());
        assertTrue(plan.inserts().isEmpty());
        assertTrue(plan.lastSeqs().isEmpty());
    }

    @Test
    void onlyTheFirstStoredSendOfAnOpenedConversationIsMarkedOpened() {
        var v2 = Participant.visitor("v2", null);
        var plan = plan(List.of(send("c2", v2, "a"), send("c2", v2, "b")), Set.of("c2"), Map.of());
        assertTrue(stored(plan.outcomes().get(0)).opened());
        assertFalse(stored(plan.outcomes().get(1)).opened());
    }

    @Test
    void strangersAndOtherTenantsAreRejectedWithoutTouchingSeqs() {
        var foreignTenant = new InboundMessage("other", "c1", false, ANN, "x", "hi", "gw", 1L);
        var plan = plan(List.of(send("c1", Participant.visitor("v9", null), "a"), send("c1", Participant.agent("a2", null), "b"), foreignTenant, send("nope", ANN, "c"),
                send("c1", ANN, "d")), Set.of(), Map.of());
        List<ErrorCode> codes = plan.outcomes().subList(0, 4).stream()
                .map(o -> assertInstanceOf(SequencingOutcome.Rejected.class, o).rejection().code()).toList();
        assertEquals(List.of(ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND),
                codes);
        assertEquals(8, stored(plan.outcomes().get(4)).message().seq());
        assertEquals(1, plan.inserts().size());
    }

    @Test
    void systemMayWriteInItsTenant() {
        var plan = plan(List.of(send("c2", new Participant(Participant.Kind.SYSTEM, "sys", null), "a"),
                send("c1", new Participant(Participant.Kind.SYSTEM, "sys", null), "b")), Set.of(), Map.of());
        assertEquals(List.of(1L, 8L), plan.outcomes().stream().map(o -> stored(o).message().seq()).toList());
    }

    @Test
    void aBotWritesOnlyWhileTheConversationIsWithTheBotAndOnlyItsHandoffCounts() {
        var bot = new Participant(Participant.Kind.BOT, "helper", "Helper");
        var withBot = new ConversationRow("c3", "acme", "v3", ConversationStatus.BOT, null, 2);
        var handoff = new Handoff("requested", List.of("refund"), List.of("billing"), "wants a person");
        var handingOver = new InboundMessage("acme", "c3", false, bot, "h", "passing you on", "bot", 1L, null, handoff);
        var visitorClaimingOne = new InboundMessage("acme", "c3", false, Participant.visitor("v3", null), "v", "hi",
                "gw", 1L, null, handoff);
        var plan = SequencingPlan.of(List.of(send("c3", bot, "a"), handingOver, visitorClaimingOne,
                send("c1", bot, "b"), send("c2", bot, "c")), Set.of(),
                Map.of("c1", C1, "c2", C2, "c3", withBot), Map.of(), () -> 42L);
        assertEquals(List.of(3L, 4L, 5L), plan.outcomes().subList(0, 3).stream()
                .map(o -> stored(o).message().seq()).toList());
        assertNull(stored(plan.outcomes().get(0)).handoff());
        assertEquals(handoff, stored(plan.outcomes().get(1)).handoff());
        assertNull(stored(plan.outcomes().get(2)).handoff(), "only a bot hands over");
        for (SequencingOutcome humanOwned : plan.outcomes().subList(3, 5)) {
            var rejection = assertInstanceOf(SequencingOutcome.Rejected.class, humanOwned).rejection();
            assertEquals(ErrorCode.INVALID_STATE, rejection.code());
            assertEquals("the conversation is no longer with the bot", rejection.reason());
        }
    }
}
