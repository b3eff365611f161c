package io.parley.routing.domain;

import java.util.List;
import java.util.Set;

/**
 * What a waiting conversation asks for, as kept beside its queue entry in Redis: group ({@code *} = the
 * tenant's whole team), requested skills, VIP or not, and when it started waiting.
 */
public record QueuedConversation(String conversationId, String tenant, String visitorId, String group,
        List<String> skills, boolean vip, long queuedAtMillis) {

    public static final String WHOLE_TEAM = "*";

    /** Queue order: VIPs first, then first in, first out. Epoch ms stay far below the VIP offset. */
    public double queueScore() {
        return (vip ? 0 : 1e13) + queuedAtMillis;
    }

    public AgentScorer.Request request(boolean relaxed) {
        return new AgentScorer.Request(Set.copyOf(skills), vip, relaxed);
    }
}
