package io.parley.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order in which a drain looks at lane heads, and what passing one over means for the agents who could take it. */
class DrainStateTest {
    static DrainState.Head head(String lane, String id, double score) {
        return new DrainState.Head(lane, id, score, "{}");
    }

    @Test
    void theLongestWaitingHeadOfAnyLaneComesFirstTiesByConversationId() {
        DrainState state = new DrainState(List.of(head("billing", "b", 20), head("*", "any", 10),
                head("tech", "t2", 30), head("zh", "t1", 30)));
        assertEquals("any", state.next().conversationId());
        state.update(List.of(head("billing", "b", 20), head("tech", "t2", 30), head("zh", "t1", 30)));
        assertEquals("b", state.next().conversationId());
        state.update(List.of(head("tech", "t2", 30), head("zh", "t1", 30)));
        assertEquals("t1", state.next().conversationId(), "equal scores: the lower conversation id, as in one lane");
        state.update(List.of());
        assertNull(state.next());
    }

    @Test
    void aHeadPassedOverHoldsBackNobodyButTheAgentsWhoCouldHaveTakenIt() {
        DrainState.Head afterSales = head("after-sales", "x", 10);
        DrainState.Head general = head("*", "y", 20);
        DrainState state = new DrainState(List.of(afterSales, general));
        assertEquals(afterSales, state.next());
        state.passOver(afterSales, Set.of("bob"));
        assertEquals(general, state.next(), "the younger head of another lane is next");
        assertEquals(Set.of("bob"), state.excluded());
        assertEquals(Map.of("after-sales", "x"), state.passedHeads());
        state.passOver(general, Set.of("alice", "bob"));
        assertNull(state.next(), "every lane passed over");
        assertEquals(Set.of("alice", "bob"), state.excluded());
    }

    @Test
    void aPassedOverLaneWhoseHeadChangedIsLookedAtAgain() {
        DrainState.Head billing = head("billing", "x", 10);
        DrainState state = new DrainState(List.of(billing, head("*", "y", 20)));
        state.passOver(billing, Set.of("bob"));
        // the same head reported again: still passed over
        state.update(List.of(billing, head("*", "y2", 21)));
        assertEquals("y2", state.next().conversationId());
        assertEquals(Set.of("bob"), state.excluded());
        // another router took x; the lane's new head is looked at, and bob may take things again
        state.update(List.of(head("billing", "x2", 15), head("*", "y2", 21)));
        assertEquals("x2", state.next().conversationId());
        assertEquals(Set.of(), state.excluded());
        assertEquals(Map.of(), state.passedHeads());
    }
}
