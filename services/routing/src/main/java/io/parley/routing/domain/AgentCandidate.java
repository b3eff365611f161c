package io.parley.routing.domain;

import java.util.Set;

/**
 * An online agent as the router sees them at decision time: skills, live load against capacity (capacity is
 * the smaller of the agent's own and the group's), rating 0..5 and when their last conversation ended.
 */
public record AgentCandidate(String agentId, Set<String> skills, long load, int capacity, double rating,
        long idleSinceMillis) {

    public boolean hasFreeCapacity() {
        return load < capacity;
    }
}
