package io.parley.routing.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a waiting conversation asks for, as kept beside its queue entry in Redis: group ({@code *} = the
 * tenant's whole team), requested skills, VIP or not, and when it started waiting. It waits in its group's
 * {@linkplain #lane() lane} for exactly these skills. Registered for reflection: stored as JSON, also in a native
 * image (native-build/).
 */
@RegisterForReflection
public record QueuedConversation(String conversationId, String tenant, String visitorId, String group,
        List<String> skills, boolean vip, long queuedAtMillis) {

    public static final String WHOLE_TEAM = "*";
    /** The lane of conversations that ask for no skill. */
    public static final String ANY_SKILL = "*";

    /** Queue order: VIPs first, then first in, first out. Epoch ms stay far below the VIP offset. */
    public double queueScore() {
        return (vip ? 0 : 1e13) + queuedAtMillis;
    }

    /**
     * The lane within the group: the requested skills, sorted and joined with {@code +} (no skill name contains
     * it), or {@link #ANY_SKILL}. Stored with the request, so scripts find the lane of a conversation they remove.
     */
    @JsonProperty("lane")
    public String lane() {
        return lane(skills);
    }

    public static String lane(Collection<String> skills) {
        return skills.isEmpty() ? ANY_SKILL : String.join("+", new TreeSet<>(skills));
    }

    public AgentScorer.Request request(boolean relaxed) {
        return new AgentScorer.Request(Set.copyOf(skills), vip, relaxed);
    }
}
