package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one client has seen of one conversation: its acks, the seqs it holds (which must arrive contiguously;
 * repeats, seq <= highest, are dropped as the protocol allows) and the sends refused as {@code unavailable}.
 */
public final class SeenMessages {
    public long highest;
    public final Map<String, JsonNode> acks = new ConcurrentHashMap<>();
    public final Map<Long, String> idBySeq = new ConcurrentHashMap<>();
    public final Set<String> unavailable = ConcurrentHashMap.newKeySet();

    public synchronized void accept(JsonNode frame, String socketName) {
        String type = frame.path("type").asText();
        if (type.equals("error")) {
            if (frame.path("code").asText().equals("unavailable")) {
                unavailable.add(frame.path("ref").asText());
            }
            return;
        }
        long seq = frame.path("seq").asLong();
        String id = frame.path("id").asText();
        if (type.equals("ack")) {
            JsonNode earlier = acks.putIfAbsent(frame.path("clientMsgId").asText(), frame);
            if (earlier != null) {
                assertEquals(earlier.path("id").asText(), id, "a re-ack names the same message");
                assertEquals(earlier.path("seq").asLong(), seq, "a re-ack has the same seq");
            }
        }
        if (seq <= highest) {
            String known = idBySeq.get(seq);
            assertTrue(known == null || known.equals(id), "seq " + seq + " names two messages on " + socketName);
            return;
        }
        assertEquals(highest + 1, seq, "gap or reordering on " + socketName);
        highest = seq;
        idBySeq.put(seq, id);
    }
}
