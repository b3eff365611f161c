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
 * capacity and, unless the request's skills are relaxed, with every requested skill.
 */
public final class AgentScorer {
    static final double SKILL = 0.45;
    static final double FREE = 0.25;
    static final double RATING = 0.15;
    static final double IDLE = 0.15;
    static final long IDLE_CAP_MILLIS = 600_000;

    private AgentScorer() {
    }

    /** What the conversation asks for. */
    public record Request(Set<String> skills, boolean vip, boolean relaxed) {
    }

    public static boolean eligible(Request request, AgentCandidate agent) {
        return agent.hasFreeCapacity() && (request.relaxed() || agent.skills().containsAll(request.skills()));
    }

    public static double score(Request request, AgentCandidate agent, long nowMillis) {
        double skill = request.skills().isEmpty() ? 1.0
                : request.skills().stream().filter(agent.skills()::contains).count()
                        / (double) request.skills().size();
        double free = agent.capacity() <= 0 ? 0 : 1.0 - (double) agent.load() / agent.capacity();
        double rating = Math.max(0, Math.min(5, agent.rating())) / 5.0;
        double idle = Math.min(Math.max(0, nowMillis - agent.idleSinceMillis()), IDLE_CAP_MILLIS)
                / (double) IDLE_CAP_MILLIS;
        return SKILL * skill + FREE * free + RATING * rating * (request.vip() ? 2 : 1) + IDLE * idle;
    }

    /** Eligible agents, best first. */
    public static List<AgentCandidate> rank(Request request, List<AgentCandidate> agents, long nowMillis) {
        return agents.stream().filter(a -> eligible(request, a))
                .sorted(Comparator.<AgentCandidate>comparingDouble(a -> -score(request, a, nowMillis))
                        .thenComparingLong(AgentCandidate::idleSinceMillis)
                        .thenComparing(AgentCandidate::agentId))
                .toList();
    }
}
