package io.parley.routing.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's routing configuration: agent profiles and skill groups with their members, plus each agent's
 * skills (their own and those of every group they belong to) and the skills anyone has at all ({@code staffed}),
 * worked out once per load rather than per decision.
 */
public record Team(Map<String, AgentProfile> profiles, Map<String, SkillGroup> groups,
        Map<String, Set<String>> skills, Set<String> staffed) {

    public static final int DEFAULT_CAPACITY = 5;

    public record AgentProfile(String agentId, int capacity, double rating, Set<String> skills) {
    }

    /** {@code members} maps agent id to the group's capacity for them (null = the agent's own). */
    public record SkillGroup(String id, String name, List<String> skills, int priority, String strategy,
            int relaxAfterSec, Map<String, Integer> members) {
    }

    public static Team of(Map<String, AgentProfile> profiles, Map<String, SkillGroup> groups) {
        Map<String, Set<String>> skills = new HashMap<>();
        profiles.forEach((agent, profile) -> skills.computeIfAbsent(agent, a -> new HashSet<>())
                .addAll(profile.skills()));
        for (SkillGroup group : groups.values()) {
            for (String member : group.members().keySet()) {
                skills.computeIfAbsent(member, a -> new HashSet<>()).addAll(group.skills());
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        Set<String> staffed = new HashSet<>();
        skills.forEach((agent, set) -> {
            frozen.put(agent, Set.copyOf(set));
            staffed.addAll(set);
        });
        return new Team(profiles, groups, frozen, Set.copyOf(staffed));
    }

    public AgentProfile profile(String agentId) {
        AgentProfile profile = profiles.get(agentId);
        return profile != null ? profile : new AgentProfile(agentId, DEFAULT_CAPACITY, 0, Set.of());
    }

    /** The agent's own skills plus those of every group they belong to. */
    public Set<String> skillsOf(String agentId) {
        return skills.getOrDefault(agentId, Set.of());
    }

    /** Of {@code requested}, the skills no agent of the team has at all (in request order). */
    public List<String> unstaffed(List<String> requested) {
        return requested.stream().filter(skill -> !staffed.contains(skill)).toList();
    }

    /** The agent's capacity in a group: the smaller of their own and the group's limit for them. */
    public int capacity(String agentId, SkillGroup group) {
        int own = profile(agentId).capacity();
        Integer inGroup = group == null ? null : group.members().get(agentId);
        return inGroup == null ? own : Math.min(own, inGroup);
    }
}
