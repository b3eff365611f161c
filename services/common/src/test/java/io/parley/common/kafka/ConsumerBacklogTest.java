package io.parley.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The backlog arithmetic; the gauge against a real broker is checked in routing's BacklogMetricTest. */
class ConsumerBacklogTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void sumsWhatEachPartitionHasLeft() {
        assertEquals(7, ConsumerBacklog.backlog(List.of(P0, P1),
                Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(3)), Map.of(P0, 15L, P1, 5L), Map.of()));
    }

    @Test
    void anUncommittedPartitionCountsFromItsStartOnlyForGroupsStartingAtTheEarliest() {
        Map<TopicPartition, Long> ends = Map.of(P0, 15L, P1, 5L);
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(P0, new OffsetAndMetadata(15));
        assertEquals(3, ConsumerBacklog.backlog(List.of(P0, P1), committed, ends, Map.of(P0, 0L, P1, 2L)));
        assertEquals(0, ConsumerBacklog.backlog(List.of(P0, P1), committed, ends, Map.of()));
    }

    @Test
    void neverNegative() {
        // A committed offset can pass the end offset seen a moment earlier.
        assertEquals(0, ConsumerBacklog.backlog(List.of(P0), Map.of(P0, new OffsetAndMetadata(20)), Map.of(P0, 15L),
                Map.of()));
    }
}
