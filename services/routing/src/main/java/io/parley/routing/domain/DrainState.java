package io.parley.routing.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a drain of one group's queue stands. A group's queue is a set of lanes, one per set of requested skills,
 * each first in, first out (VIPs first). The next conversation to decide is the longest-waiting head of a lane not
 * passed over; a lane is passed over when nobody can take its head now, and the agents who could have taken that
 * head (had they been online with room) may then take nothing younger in this drain. So a conversation nobody can
 * take holds back nobody else, while no conversation is overtaken by a younger one that the same agent could have
 * taken. Pure bookkeeping: the router feeds it the heads Redis reports after every decision.
 */
public final class DrainState {

    /** A lane's first conversation: its place in line is (score, conversation id), as within one sorted set. */
    public record Head(String lane, String conversationId, double score, String request) {
        static final Comparator<Head> IN_LINE = Comparator.comparingDouble(Head::score)
                .thenComparing(Head::conversationId);
    }

    /** A head nobody could take, and everyone who could have. */
    private record PassedOver(String conversationId, Set<String> couldTake) {
    }

    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, PassedOver> passed = new LinkedHashMap<>();

    public DrainState(List<Head> heads) {
        update(heads);
    }

    /**
     * The lanes' heads as they are now. A passed-over lane whose head changed (taken by another router, or a VIP
     * arrived) is looked at again.
     */
    public void update(List<Head> now) {
        heads.clear();
        for (Head head : now) {
            heads.put(head.lane(), head);
        }
        passed.entrySet().removeIf(e -> {
            Head head = heads.get(e.getKey());
            return head == null || !head.conversationId().equals(e.getValue().conversationId());
        });
    }

    /** The longest-waiting head of a lane not passed over, or null when there is none. */
    public Head next() {
        return heads.values().stream().filter(h -> !passed.containsKey(h.lane())).min(Head.IN_LINE).orElse(null);
    }

    /** Nobody can take {@code head} now; {@code couldTake} are the agents it would go to if they had room. */
    public void passOver(Head head, Collection<String> couldTake) {
        passed.put(head.lane(), new PassedOver(head.conversationId(), Set.copyOf(couldTake)));
    }

    /** Agents who may take nothing in this drain: each could have taken a head passed over. */
    public Set<String> excluded() {
        Set<String> all = new HashSet<>();
        passed.values().forEach(p -> all.addAll(p.couldTake()));
        return all;
    }

    /** Lane -> the head passed over in it, for the assignment script's check that nothing older waits unseen. */
    public Map<String, String> passedHeads() {
        Map<String, String> out = new LinkedHashMap<>();
        passed.forEach((lane, p) -> out.put(lane, p.conversationId()));
        return out;
    }
}
