package io.parley.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentScorerTest {
    static final long NOW = 10_000_000;

    static AgentCandidate agent(String id, Set<String> skills, long load, int capacity, double rating, long idleMs) {
        return new AgentCandidate(id, skills, load, capacity, rating, NOW - idleMs);
    }

    static List<String> ids(List<AgentCandidate> ranked) {
        return ranked.stream().map(AgentCandidate::agentId).toList();
    }

    @Test
    void scoreIsTheDocumentedWeightedSum() {
        var request = new AgentScorer.Request(Set.of("billing", "zh"), false, false);
        // skill 1/2, free 1 - 1/4, rating 4/5, idle 300 s of 600
        var a = agent("a", Set.of("billing"), 1, 4, 4.0, 300_000);
        assertEquals(0.45 * 0.5 + 0.25 * 0.75 + 0.15 * 0.8 + 0.15 * 0.5, AgentScorer.score(request, a, NOW), 1e-12);
        var vip = new AgentScorer.Request(Set.of("billing", "zh"), true, false);
        assertEquals(0.45 * 0.5 + 0.25 * 0.75 + 0.15 * 0.8 * 2 + 0.15 * 0.5, AgentScorer.score(vip, a, NOW), 1e-12);
        var none = new AgentScorer.Request(Set.of(), false, false);
        assertEquals(0.45 + 0.25 * 0.75 + 0.15 * 0.8 + 0.15 * 0.5, AgentScorer.score(none, a, NOW), 1e-12);
        // idle is capped at ten minutes, rating at 5
        var veteran = agent("v", Set.of(), 0, 1, 9, 3_600_000);
        assertEquals(1.0, AgentScorer.score(none, veteran, NOW), 1e-12);
    }

    @Test
    void onlyAgentsWithFreeCapacityAndEveryRequestedSkillAreEligibleUnlessRelaxed() {
        var request = new AgentScorer.Request(Set.of("billing"), false, false);
        var full = agent("full", Set.of("billing"), 3, 3, 5, 0);
        var unskilled = agent("unskilled", Set.of("sales"), 0, 3, 5, 0);
        var fit = agent("fit", Set.of("billing", "sales"), 2, 3, 1, 0);
        assertFalse(AgentScorer.eligible(request, full));
        assertFalse(AgentScorer.eligible(request, unskilled));
        assertEquals(List.of("fit"), ids(AgentScorer.rank(request, List.of(full, unskilled, fit), NOW)));
        var relaxed = new AgentScorer.Request(Set.of("billing"), false, true);
        assertTrue(AgentScorer.eligible(relaxed, unskilled));
        assertFalse(AgentScorer.eligible(relaxed, full), "capacity is never relaxed");
    }

    @Test
    void lessLoadedWinsAtEqualSkillAndVipPrefersTheBetterRated() {
        var request = new AgentScorer.Request(Set.of(), false, false);
        var busy = agent("busy", Set.of(), 2, 3, 5, 0);
        var free = agent("free", Set.of(), 0, 3, 3, 0);
        // normal: free wins (0.25·1 + 0.15·0.6 = 0.34 against 0.25·(1/3) + 0.15·1 = 0.233)
        assertEquals(List.of("free", "busy"), ids(AgentScorer.rank(request, List.of(busy, free), NOW)));
        var vip = new AgentScorer.Request(Set.of(), true, false);
        var star = agent("star", Set.of(), 1, 3, 5, 0);
        // VIP: star 0.25·(2/3) + 0.3 = 0.467 beats free 0.25 + 0.18 = 0.43
        assertEquals(List.of("star", "free"), ids(AgentScorer.rank(vip, List.of(free, star), NOW)));
    }

    @Test
    void tiesGoToTheLongestIdleThenTheLowestId() {
        var request = new AgentScorer.Request(Set.of(), false, false);
        // idle beyond the cap scores the same, so the raw idle time breaks the tie
        var b = agent("b", Set.of(), 0, 2, 3, 700_000);
        var a = agent("a", Set.of(), 0, 2, 3, 900_000);
        var c = agent("c", Set.of(), 0, 2, 3, 900_000);
        assertEquals(List.of("a", "c", "b"), ids(AgentScorer.rank(request, List.of(b, c, a), NOW)));
    }

    @Test
    void theGroupStrategiesOrderByLoadOrByIdleTimeAlone() {
        var request = new AgentScorer.Request(Set.of("billing"), true, false);
        var star = agent("star", Set.of("billing"), 2, 5, 5, 60_000);
        var calm = agent("calm", Set.of("billing"), 1, 5, 0, 900_000);
        var idle = agent("idle", Set.of("billing"), 1, 5, 0, 1_200_000);
        var unskilled = agent("unskilled", Set.of(), 0, 5, 5, 2_000_000);
        var all = List.of(star, calm, idle, unskilled);
        // least loaded: load first, then the longest idle; rating plays no part, skills still must match
        assertEquals(List.of("idle", "calm", "star"), ids(AgentScorer.rank(AgentScorer.LEAST_LOADED, request, all, NOW)));
        // round robin: the longest idle first, whatever the load
        var rested = agent("rested", Set.of("billing"), 4, 5, 0, 3_000_000);
        assertEquals(List.of("rested", "idle", "calm", "star"),
                ids(AgentScorer.rank(AgentScorer.ROUND_ROBIN, request, List.of(star, rested, calm, idle), NOW)));
        // an unknown strategy name falls back to the score
        assertEquals(AgentScorer.rank(request, all, NOW), AgentScorer.rank("best", request, all, NOW));
    }
}
