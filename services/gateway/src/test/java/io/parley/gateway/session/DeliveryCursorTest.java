package io.parley.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.event.SequencedMessage;
import io.parley.common.model.Participant;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The cursor's ordering rules, with storage as a list in memory (pure logic; the real path is in ChatPathTest). */
class DeliveryCursorTest {
    static final String CONVERSATION = "c1";

    static SequencedMessage message(long seq) {
        return new SequencedMessage("t", CONVERSATION, "m" + seq, seq, "x" + seq, Participant.agent("alice", null),
                "text " + seq, seq, seq);
    }

    /** Storage holding seq 1..{@code stored}; the cursor's emitted seqs go to {@code seen}. */
    static DeliveryCursor cursor(long welcomeLastSeq, long stored, List<Long> seen) {
        return new DeliveryCursor(CONVERSATION, welcomeLastSeq, (conversation, after, limit) -> Uni.createFrom().item(
                LongStream.rangeClosed(after + 1, Math.min(stored, after + limit))
                        .mapToObj(DeliveryCursorTest::message).toList()),
                m -> seen.add(m.seq()));
    }

    static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aLiveMessageWaitsForTheResumeInsteadOfOvertakingTheReplay() {
        List<Long> seen = new ArrayList<>();
        DeliveryCursor cursor = cursor(1008, 1009, seen);
        cursor.hold();
        cursor.offer(message(1009)); // live, between welcome and resume
        assertEquals(List.of(), seen);
        cursor.resumeFrom(940); // the reconnecting client holds up to 940
        assertEquals(seqs(941, 1009), seen);
    }

    @Test
    void withoutResumeTheReleaseDeliversWhatIsNewerThanTheWelcome() {
        List<Long> seen = new ArrayList<>();
        DeliveryCursor cursor = cursor(10, 12, seen);
        cursor.hold();
        cursor.offer(message(12));
        cursor.offer(message(11));
        assertEquals(List.of(), seen);
        cursor.release();
        assertEquals(List.of(11L, 12L), seen);
        cursor.offer(message(13));
        assertEquals(List.of(11L, 12L, 13L), seen);
    }

    @Test
    void aGapInLiveMessagesIsFilledFromStorageAndRepeatsAreDropped() {
        List<Long> seen = new ArrayList<>();
        DeliveryCursor cursor = cursor(5, 9, seen);
        cursor.offer(message(6));
        cursor.offer(message(9)); // 7 and 8 were lost in flight
        cursor.offer(message(8)); // a repeat by now
        assertEquals(seqs(6, 9), seen);
    }
}
