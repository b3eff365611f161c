package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.RedisKeys;
import io.parley.routing.TestStores;
import io.parley.routing.domain.AgentCandidate;
import io.parley.routing.domain.AgentScorer;
import io.parley.routing.domain.DrainState;
import io.parley.routing.domain.QueuedConversation;
import io.parley.routing.domain.Team;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The assignment script against its specification, on the real Redis: for many random teams (presence fresh,
 * stale or missing; loads up to and past capacity; group limits; skills; ratings and idle times with
 * deliberate ties) and random requests (skills, VIP, relaxed, each strategy), the agent the script assigns is
 * the first of {@link AgentScorer#rank(String, AgentScorer.Request, List, long)} over the online agents, and the
 * script's writes are exactly that agent's load plus one and the head gone; with nobody eligible it changes
 * nothing. A conversation that is no longer first in line (in its lane, or behind an older head of another lane
 * the drain did not pass over) is left alone, and the reply names the heads there are. The script is called by
 * its SHA-1; now and then Redis's script cache is flushed, as a restart would.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class AssignmentScriptTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long PRESENCE_TTL = 15_000;
    static final List<String> SKILLS = List.of("billing", "tech", "zh");
    static final List<String> STRATEGIES = List.of(AgentScorer.SCORE, AgentScorer.LEAST_LOADED,
            AgentScorer.ROUND_ROBIN);

    @Inject
    Redis redis;
    @Inject
    RedisDataSource data;

    final Random random = new Random(20261123);

    @Test
    void theScriptAssignsWhomTheSpecificationRanksFirst() {
        int assigned = 0;
        int full = 0;
        for (int round = 0; round < 400; round++) {
            String outcome = oneRandomDecision(round);
            if (outcome == null) {
                full++;
            } else {
                assigned++;
            }
        }
        // Both paths must have been exercised for the comparison to mean anything.
        assertTrue(assigned > 100 && full > 20, "assigned " + assigned + ", nobody eligible " + full);
    }

    /** Returns the agent assigned, or null when nobody was eligible (after checking the script agreed). */
    String oneRandomDecision(int round) {
        String tenant = "script-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "g";
        long now = 1_800_000_000_000L + random.nextInt(1_000_000);
        int agents = 1 + random.nextInt(12);
        Map<String, Team.AgentProfile> profiles = new HashMap<>();
        Map<String, Integer> members = new HashMap<>();
        Map<String, Long> loads = new HashMap<>();
        Map<String, Long> idleSince = new HashMap<>();
        Set<String> online = new HashSet<>();
        for (int a = 0; a < agents; a++) {
            String agent = "agent-" + (char) ('a' + random.nextInt(26)) + a;
            int capacity = random.nextInt(5);
            double rating = List.of(0.0, 1.0, 2.5, 3.0, 5.0, 7.0).get(random.nextInt(6));
            profiles.put(agent, new Team.AgentProfile(agent, capacity, rating, someSkills()));
            members.put(agent, random.nextInt(4) == 0 ? random.nextInt(4) : null);
            switch (random.nextInt(4)) {
                case 0 -> { } // never heartbeated
                case 1 -> data.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now - PRESENCE_TTL - 1, agent);
                default -> {
                    data.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now - random.nextInt(10_000), agent);
                    online.add(agent);
                }
            }
            if (random.nextBoolean()) {
                long load = random.nextInt(5);
                data.hash(Long.class).hset(RedisKeys.agentLoad(tenant), agent, load);
                loads.put(agent, load);
            }
            if (random.nextInt(3) > 0) {
                // few distinct values, some beyond the idle cap, so ties happen
                long since = now - List.of(0L, 60_000L, 300_000L, 700_000L, 900_000L).get(random.nextInt(5));
                data.hash(Long.class).hset(RedisKeys.agentIdleSince(tenant), agent, since);
                idleSince.put(agent, since);
            }
        }
        Team.SkillGroup skillGroup = new Team.SkillGroup(group, group, List.of(), 0,
                STRATEGIES.get(random.nextInt(3)), 120, members);
        Team team = Team.of(profiles, Map.of(group, skillGroup));
        boolean vip = random.nextBoolean();
        boolean relaxed = random.nextInt(4) == 0;
        QueuedConversation head = new QueuedConversation(tenant + "-c", tenant, "v", group,
                List.copyOf(someSkills()), vip, now - 1000);
        String lane = head.lane();
        String queue = RedisKeys.queueLane(tenant, group, lane);
        data.sortedSet(String.class).zadd(queue, head.queueScore(), head.conversationId());
        data.sortedSet(String.class).zadd(queue, head.queueScore() + 1, tenant + "-behind");
        data.set(String.class).sadd(RedisKeys.queueLanes(tenant, group), lane);
        data.hash(String.class).hset(RedisKeys.queuedRequests(tenant), tenant + "-behind", "{\"next\":true}");

        // The specification, over the agents online now.
        AgentScorer.Request request = head.request(relaxed);
        List<AgentCandidate> everyone = new ArrayList<>();
        for (String agent : online) {
            everyone.add(new AgentCandidate(agent, team.skillsOf(agent), loads.getOrDefault(agent, 0L),
                    team.capacity(agent, relaxed ? null : skillGroup), profiles.get(agent).rating(),
                    idleSince.getOrDefault(agent, 0L)));
        }
        List<AgentCandidate> ranked = AgentScorer.rank(skillGroup.strategy(), request, everyone, now);
        String expected = ranked.isEmpty() ? null : ranked.get(0).agentId();

        // The script, given what the router would give it: every member, whether online or not.
        var candidates = ConversationRouter.candidates(head, team, relaxed ? null : skillGroup, relaxed,
                members.keySet());
        if (round % 100 == 0) {
            data.execute("SCRIPT", "FLUSH"); // as after a Redis restart: the call must load the script again
        }
        var call = new AssignmentScript.Call(tenant, group, lane, head.conversationId(), skillGroup.strategy(), vip,
                Map.of());
        var outcome = AssignmentScript.run(redis, call, now, now - PRESENCE_TTL, 30, candidates).await().atMost(WAIT);
        String context = "round " + round + ", strategy " + skillGroup.strategy() + ", request " + request
                + ", ranked " + ranked;
        Map<String, Long> loadsAfter = data.hash(Long.class).hgetall(RedisKeys.agentLoad(tenant));
        List<String> queueAfter = data.sortedSet(String.class).zrange(queue, 0, -1);
        if (expected == null) {
            // the reply names the heads as they are: this one still first in its lane
            assertEquals(new AssignmentScript.Outcome.Full(List.of(new DrainState.Head(lane, head.conversationId(),
                    head.queueScore(), null))), outcome, context);
            assertEquals(loads, loadsAfter, context);
            assertEquals(List.of(head.conversationId(), tenant + "-behind"), queueAfter, context);
            assertFalse(data.key().exists(RedisKeys.claimed(tenant, head.conversationId())), context);
            return null;
        }
        // the reply names the next head with its request, so a drain needs no read between decisions
        assertEquals(new AssignmentScript.Outcome.Assigned(expected, List.of(new DrainState.Head(lane,
                tenant + "-behind", head.queueScore() + 1, "{\"next\":true}"))), outcome, context);
        Map<String, Long> expectedLoads = new HashMap<>(loads);
        expectedLoads.merge(expected, 1L, Long::sum);
        assertEquals(expectedLoads, loadsAfter, context);
        assertEquals(List.of(tenant + "-behind"), queueAfter, context);
        assertEquals(expected, data.value(String.class).get(RedisKeys.claimed(tenant, head.conversationId())));
        return expected;
    }

    @Test
    void aConversationThatIsNoLongerTheHeadIsNotAssigned() {
        String tenant = "script-" + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        data.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now, "agent-1");
        lane(tenant, "*", Map.of("first", 1.0, "second", 2.0));
        var outcome = decide(tenant, "*", "second", Map.of(), now);
        assertEquals(new AssignmentScript.Outcome.Stale(List.of(new DrainState.Head("*", "first", 1.0, null))), outcome);
        assertNull(data.hash(Long.class).hget(RedisKeys.agentLoad(tenant), "agent-1"));
        assertEquals(List.of("first", "second"), data.sortedSet(String.class).zrange(RedisKeys.queueLane(tenant, "g", "*"), 0, -1));
    }

    /**
     * First in line means first across the group's lanes: an older head in another lane (or a VIP that arrived
     * there meanwhile) makes the decision stale, unless the drain passed over exactly that head.
     */
    @Test
    void anOlderHeadInAnotherLaneComesFirstUnlessItWasPassedOver() {
        String tenant = "script-" + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        data.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), now, "agent-1");
        lane(tenant, "billing", Map.of("old-billing", 5.0));
        lane(tenant, "*", Map.of("young", 7.0));

        var stale = decide(tenant, "*", "young", Map.of(), now);
        assertTrue(stale instanceof AssignmentScript.Outcome.Stale, "older head not passed over: " + stale);
        assertNull(data.hash(Long.class).hget(RedisKeys.agentLoad(tenant), "agent-1"));

        // passed over, but the lane's head is no longer the one the drain saw: still stale
        var changed = decide(tenant, "*", "young", Map.of("billing", "someone-else"), now);
        assertTrue(changed instanceof AssignmentScript.Outcome.Stale, "passed-over head changed: " + changed);

        var assigned = decide(tenant, "*", "young", Map.of("billing", "old-billing"), now);
        assertEquals(new AssignmentScript.Outcome.Assigned("agent-1",
                List.of(new DrainState.Head("billing", "old-billing", 5.0, null))), assigned);
        assertEquals(1L, data.hash(Long.class).hget(RedisKeys.agentLoad(tenant), "agent-1"));
        assertEquals(List.of(), data.sortedSet(String.class).zrange(RedisKeys.queueLane(tenant, "g", "*"), 0, -1));

        // a younger head in another lane does not matter; ties go by conversation id, as within one lane
        lane(tenant, "*", Map.of("b-tie", 5.0, "z-late", 9.0));
        lane(tenant, "tech", Map.of("a-tie", 5.0));
        var tie = decide(tenant, "*", "b-tie", Map.of("billing", "old-billing"), now);
        assertTrue(tie instanceof AssignmentScript.Outcome.Stale, "a-tie comes before b-tie: " + tie);
    }

    void lane(String tenant, String lane, Map<String, Double> entries) {
        data.sortedSet(String.class).zadd(RedisKeys.queueLane(tenant, "g", lane), entries);
        data.set(String.class).sadd(RedisKeys.queueLanes(tenant, "g"), lane);
    }

    AssignmentScript.Outcome decide(String tenant, String lane, String conversation, Map<String, String> passedOver,
            long now) {
        var call = new AssignmentScript.Call(tenant, "g", lane, conversation, AgentScorer.SCORE, false, passedOver);
        return AssignmentScript.run(redis, call, now, now - PRESENCE_TTL, 30,
                List.of(new AssignmentScript.Candidate("agent-1", 5, 1.0, 1.0))).await().atMost(WAIT);
    }

    /** The script looks agents up 1,000 at a time (Lua's unpack limit): every slice counts, in order. */
    @Test
    void moreCandidatesThanOneLookupTakesAreAllConsidered() {
        String tenant = "script-" + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        Map<String, Double> online = new HashMap<>();
        Map<String, Long> loads = new HashMap<>();
        List<AssignmentScript.Candidate> candidates = new ArrayList<>();
        for (int a = 0; a < 2_500; a++) {
            String agent = "agent-%04d".formatted(a);
            candidates.add(new AssignmentScript.Candidate(agent, 1, 1.0, 1.0));
            loads.put(agent, 1L); // full, apart from the three below
            online.put(agent, (double) now);
        }
        loads.put("agent-0500", 0L);
        online.remove("agent-0500"); // free but offline
        loads.put("agent-1500", 0L);
        online.put("agent-1500", (double) (now - PRESENCE_TTL - 1)); // free, heartbeat stale
        loads.put("agent-2301", 0L); // free and online: in the third slice
        data.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), online);
        data.hash(Long.class).hset(RedisKeys.agentLoad(tenant), loads);
        lane(tenant, "*", Map.of("c1", 1.0));

        var call = new AssignmentScript.Call(tenant, "g", "*", "c1", AgentScorer.LEAST_LOADED, false, Map.of());
        var outcome = AssignmentScript.run(redis, call, now, now - PRESENCE_TTL, 30, candidates).await().atMost(WAIT);

        assertEquals(new AssignmentScript.Outcome.Assigned("agent-2301", List.of()), outcome);
        assertEquals(1L, data.hash(Long.class).hget(RedisKeys.agentLoad(tenant), "agent-2301"));
        assertEquals(0L, data.hash(Long.class).hget(RedisKeys.agentLoad(tenant), "agent-0500"));
    }

    Set<String> someSkills() {
        Set<String> skills = new HashSet<>();
        for (String skill : SKILLS) {
            if (random.nextInt(3) == 0) {
                skills.add(skill);
            }
        }
        return skills;
    }
}
