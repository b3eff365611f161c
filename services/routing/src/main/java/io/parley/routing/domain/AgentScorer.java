package io.parley.routing.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The documented weighted score (docs/routing.md) that orders eligible agents for one conversation:
 *
 * <pre>
 *   score = 0.45·skill + 0.25·free + 0.15·rating·(vip ? 2 : 1) + 0.15·idle
 *   skill  = share of the requested skills the agent has (1 when none requested)
 *   free   = 1 − load / capacity
 *   rating = rating / 5
 *   idle   = min(seconds since the agent's last conversation ended, 600) / 600
 * </pre>
 *
 * A VIP visitor doubles the weight of rating, so VIPs go to the best-rated agents first. Ties go to the agent
 * idle longest, then to the lowest agent id, so decisions are repeatable. An agent is eligible only with free
 * capacity and, unless the request's skills are relaxed, with every requested skill. A group may pick one of
 * two plain strategies instead: least loaded, or round robin (longest idle first).
 * <p>
 * This is the specification. Routers evaluate the same ordering inside Redis, next to the live loads
 * ({@code AssignmentScript}), and a test holds the two to the same picks.
 */
public final class AgentScorer {
    public static final double SKILL = 0.45;
    public static final double FREE = 0.25;
    public static final double RATING = 0.15;
    public static final double IDLE = 0.15;
    public static final long IDLE_CAP_MILLIS = 600_000;

    /** Group strategies ({@code skill_group.strategy}); anything else means the score. */
    public static final String SCORE = "score";
    public static final String LEAST_LOADED = "least_loaded";
    public static final String ROUND_ROBIN = "round_robin";

    private AgentScorer() {
    }

    /** What the conversation asks for. */
    public record Request(Set<String> skills, boolean vip, boolean relaxed) {
    }

    public static boolean eligible(Request request, AgentCandidate agent) {
        return agent.hasFreeCapacity() && (request.relaxed() || agent.skills().containsAll(request.skills()));
    }

    /** The skill term: share of the requested skills the agent has, 1 when none were requested. */
    public static double skillShare(Set<String> requested, Set<String> agentSkills) {
        if (requested.isEmpty()) {
            return 1.0;
        }
        int held = 0;
        for (String skill : requested) {
            if (agentSkills.contains(skill)) {
                held++;
            }
        }
        return held / (double) requested.size();
    }

    /** The rating term before weighting: rating clamped to 0..5, over 5. */
    public static double ratingShare(double rating) {
        return Math.max(0, Math.min(5, rating)) / 5.0;
    }

    public static double score(Request request, AgentCandidate agent, long nowMillis) {
        double skill = skillShare(request.skills(), agent.skills());
        double free = agent.capacity() <= 0 ? 0 : 1.0 - (double) agent.load() / agent.capacity();
        double rating = ratingShare(agent.rating());
        double idle = Math.min(Math.max(0, nowMillis - agent.idleSinceMillis()), IDLE_CAP_MILLIS)
                / (double) IDLE_CAP_MILLIS;
        return SKILL * skill + FREE * free + RATING * rating * (request.vip() ? 2 : 1) + IDLE * idle;
    }

    /** Eligible agents, best first by the score. */
    public static List<AgentCandidate> rank(Request request, List<AgentCandidate> agents, long nowMillis) {
        return rank(SCORE, request, agents, nowMillis);
    }

    /** Eligible agents, best first by the group's strategy. */
    public static List<AgentCandidate> rank(String strategy, Request request, List<AgentCandidate> agents,
            long nowMillis) {
        Comparator<AgentCandidate> first = switch (strategy) {
            case LEAST_LOADED -> Comparator.comparingLong(AgentCandidate::load);
            // Round robin: whoever has waited longest since their last conversation ended goes next.
            case ROUND_ROBIN -> (a, b) -> 0;
            default -> Comparator.comparingDouble(a -> -score(request, a, nowMillis));
        };
        return agents.stream().filter(a -> eligible(request, a))
                .sorted(first.thenComparingLong(AgentCandidate::idleSinceMillis)
                        .thenComparing(AgentCandidate::agentId))
                .toList();
    }
}
