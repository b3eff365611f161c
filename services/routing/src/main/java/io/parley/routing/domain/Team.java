package io.parley.routing.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tenant's routing configuration: agent profiles and skill groups with their members. */
public record Team(Map<String, AgentProfile> profiles, Map<String, SkillGroup> groups) {

    public static final int DEFAULT_CAPACITY = 5;

    public record AgentProfile(String agentId, int capacity, double rating, Set<String> skills) {
    }

    /** {@code members} maps agent id to the group's capacity for them (null = the agent's own). */
    public record SkillGroup(String id, String name, List<String> skills, int priority, String strategy,
            int relaxAfterSec, Map<String, Integer> members) {
    }

    public AgentProfile profile(String agentId) {
        AgentProfile profile = profiles.get(agentId);
        return profile != null ? profile : new AgentProfile(agentId, DEFAULT_CAPACITY, 0, Set.of());
    }

    /** The agent's capacity in a group: the smaller of their own and the group's limit for them. */
    public int capacity(String agentId, SkillGroup group) {
        int own = profile(agentId).capacity();
        Integer inGroup = group == null ? null : group.members().get(agentId);
        return inGroup == null ? own : Math.min(own, inGroup);
    }
}
