package io.parley.routing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.common.json.Json;
import io.parley.routing.config.RoutingConfig;
import io.parley.routing.domain.AgentScorer;
import io.parley.routing.domain.ConversationRow;
import io.parley.routing.domain.DrainState;
import io.parley.routing.domain.QueueRef;
import io.parley.routing.domain.QueuedConversation;
import io.parley.routing.domain.Team;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Skills routing: hands out waiting conversations while suitable agents have room. A group's queue is a set of
 * lanes, one per set of requested skills; a drain ({@link #claim}) takes the longest-waiting lane head first (VIPs
 * first, then first in), and a head nobody can take now is passed over without holding back the others, except
 * that no agent who could have taken it gets anything younger (see {@link DrainState}). This process picks the
 * agents who could take a head (members with the requested skills, from the cached {@link Team}); one
 * {@link AssignmentScript} call then atomically checks that the conversation is still first in line, ranks those
 * of them online and below capacity by the group's strategy on their live loads, and gives it to the first. So two
 * routers can drain one queue at once without breaking its order or any agent's capacity. PostgreSQL then records
 * a drain's (or a batch's) assignments in one statement ({@link #record}).
 */
@ApplicationScoped
public class ConversationRouter {
    private static final int MAX_STEPS_PER_DRAIN = 10_000;

    private final Pool pool;
    private final QueueStore queues;
    private final AgentCapacity agents;
    private final DecisionLoop decisionLoop;
    private final TeamDirectory teams;
    private final ServiceLevels serviceLevels;
    private final UnstaffedSkills unstaffed;
    private final int defaultRelaxAfterSec;
    /** Head picked -> agent claimed: ranking plus the atomic claim (not the PostgreSQL write). */
    private final Timer decisions;

    public ConversationRouter(Pool pool, QueueStore queues, AgentCapacity agents, DecisionLoop decisionLoop,
            TeamDirectory teams, ServiceLevels serviceLevels, UnstaffedSkills unstaffed, RoutingConfig config,
            MeterRegistry registry) {
        this.decisions = Timer.builder("parley_routing_decision_seconds")
                .description("queue head picked -> agent claimed (ranking + atomic claim)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                // exact bounds at the targets, so "p99 <= 2 ms" can be read off without bucket rounding
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
        this.pool = pool;
        this.queues = queues;
        this.agents = agents;
        this.decisionLoop = decisionLoop;
        this.teams = teams;
        this.serviceLevels = serviceLevels;
        this.unstaffed = unstaffed;
        this.defaultRelaxAfterSec = config.queue().relaxAfterSec();
    }

    /**
     * A decision made in Redis and not yet recorded in PostgreSQL. {@code unmatchedSkills}: requested skills the
     * agent lacks (only when the request had relaxed), which the agent is told.
     */
    public record Claim(QueuedConversation conversation, String agentId, List<String> unmatchedSkills) {
    }

    /** Assigns waiting conversations while suitable agents have room; returns the conversations assigned. */
    public Uni<List<ConversationRow>> drain(QueueRef queue) {
        return claim(queue).chain(this::record);
    }

    /**
     * Decides for the queue's heads, one after the other, while suitable agents have room. Reading the lanes' heads
     * costs one call; every decision is then one {@link AssignmentScript} call, which hands back the heads as they
     * are after it. These calls go through the {@link DecisionLoop}; the result is handed back on the caller's
     * context. The claims still have to be {@linkplain #record recorded}.
     */
    public Uni<List<Claim>> claim(QueueRef queue) {
        List<Claim> claims = new ArrayList<>();
        // The tenant's online agents are only needed for the whole-team queue and relaxed heads: read once, lazily.
        Uni<List<String>> online = agents.onlineAgents(decisionLoop.redis(), queue.tenant()).memoize().indefinitely();
        return DecisionLoop.backToCaller(queues.heads(queue)
                .chain(heads -> step(queue, new DrainState(heads), online, claims, 0))
                .replaceWith(claims));
    }

    private Uni<Void> step(QueueRef queue, DrainState state, Uni<List<String>> online, List<Claim> claims, int steps) {
        DrainState.Head head = state.next();
        if (head == null) {
            return Uni.createFrom().voidItem();
        }
        if (steps >= MAX_STEPS_PER_DRAIN) {
            Log.warnf("drain of %s stopped after %d steps", queue, steps);
            return Uni.createFrom().voidItem();
        }
        if (head.request() == null) { // a lost request: rebuild it (or drop the entry), then look again
            return queues.repair(queue, head).chain(() -> queues.heads(queue))
                    .chain(heads -> {
                        state.update(heads);
                        return step(queue, state, online, claims, steps + 1);
                    });
        }
        QueuedConversation request = Json.read(head.request(), QueuedConversation.class);
        long started = System.nanoTime();
        return teams.team(queue.tenant())
                .chain(team -> decide(queue, head, request, team, online, state)
                        .invoke(outcome -> {
                            switch (outcome) {
                                case Decision.Made made -> {
                                    if (made.outcome() instanceof AssignmentScript.Outcome.Assigned assigned) {
                                        decisions.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                                        claims.add(new Claim(request, assigned.agentId(),
                                                unmatched(request, team, assigned.agentId())));
                                    } else if (made.outcome() instanceof AssignmentScript.Outcome.Full) {
                                        state.passOver(head, made.couldTake());
                                    }
                                    state.update(made.outcome().heads());
                                }
                                case Decision.NobodyEligible nobody -> state.passOver(head, nobody.couldTake());
                            }
                        }))
                .chain(() -> step(queue, state, online, claims, steps + 1));
    }

    /** What came of looking at one head: the script's outcome, or nobody to ask it about. */
    sealed interface Decision {
        /** {@code couldTake}: everyone who could take the head with room, whether or not they have it now. */
        record Made(AssignmentScript.Outcome outcome, Set<String> couldTake) implements Decision {
        }

        record NobodyEligible(Set<String> couldTake) implements Decision {
        }
    }

    /**
     * Ranks and claims in one {@link AssignmentScript} call. The agents who could take the head are the group's
     * members with every requested skill; for the whole-team queue, or once the head's skills have relaxed, every
     * online agent (with the skills, unless relaxed). Those who could have taken a head passed over in this drain
     * are left out.
     */
    Uni<Decision> decide(QueueRef queue, DrainState.Head head, QueuedConversation request, Team team,
            Uni<List<String>> online, DrainState state) {
        Team.SkillGroup group = team.groups().get(queue.group());
        int relaxAfter = group == null ? defaultRelaxAfterSec : group.relaxAfterSec();
        long now = System.currentTimeMillis();
        boolean relaxed = now - request.queuedAtMillis() >= relaxAfter * 1000L;
        if (!relaxed) {
            List<String> missing = team.unstaffed(request.skills());
            if (!missing.isEmpty()) {
                unstaffed.report(request, missing, relaxAfter);
            }
        }
        String strategy = group == null ? AgentScorer.SCORE : group.strategy();
        Uni<Collection<String>> considered = group != null && !relaxed ? Uni.createFrom().item(group.members().keySet())
                : online.map(list -> list);
        return considered.chain(agentIds -> {
            // capacity is the agent's own once relaxed or for the whole team: group limits apply within the group
            List<AssignmentScript.Candidate> couldTake = candidates(request, team, relaxed ? null : group, relaxed,
                    agentIds);
            Set<String> couldTakeIds = ids(couldTake);
            Set<String> excluded = state.excluded();
            List<AssignmentScript.Candidate> eligible = excluded.isEmpty() ? couldTake
                    : couldTake.stream().filter(c -> !excluded.contains(c.agentId())).toList();
            if (eligible.isEmpty()) {
                return Uni.createFrom().item((Decision) new Decision.NobodyEligible(couldTakeIds));
            }
            var call = new AssignmentScript.Call(queue.tenant(), queue.group(), head.lane(), head.conversationId(),
                    strategy, request.vip(), state.passedHeads());
            return AssignmentScript.run(decisionLoop.redis(), call, now, agents.onlineSince(now),
                    AgentCapacity.CLAIM_MARKER_TTL_SEC, eligible)
                    .map(outcome -> (Decision) new Decision.Made(outcome, couldTakeIds));
        });
    }

    private static Set<String> ids(List<AssignmentScript.Candidate> candidates) {
        Set<String> ids = new HashSet<>(candidates.size() * 2);
        candidates.forEach(c -> ids.add(c.agentId()));
        return ids;
    }

    /** Of {@code agents}, those with every requested skill (any, once relaxed), in agent-id order. */
    static List<AssignmentScript.Candidate> candidates(QueuedConversation head, Team team, Team.SkillGroup group,
            boolean relaxed, Collection<String> agents) {
        Set<String> requested = Set.copyOf(head.skills());
        List<AssignmentScript.Candidate> candidates = new ArrayList<>(agents.size());
        for (String agent : agents) {
            Set<String> skills = team.skillsOf(agent);
            if (relaxed || skills.containsAll(requested)) {
                candidates.add(new AssignmentScript.Candidate(agent, team.capacity(agent, group),
                        AgentScorer.skillShare(requested, skills), AgentScorer.ratingShare(team.profile(agent).rating())));
            }
        }
        candidates.sort(Comparator.comparing(AssignmentScript.Candidate::agentId));
        return candidates;
    }

    /** The requested skills the agent does not have (possible only once the request relaxed). */
    private static List<String> unmatched(QueuedConversation request, Team team, String agent) {
        Set<String> skills = team.skillsOf(agent);
        return request.skills().stream().filter(skill -> !skills.contains(skill)).sorted().toList();
    }

    /**
     * Records claims in PostgreSQL, in one statement ({@code WHERE status = 'queued'}); a conversation that
     * stopped waiting meanwhile (closed) is not assigned, and its agent's load is given back.
     */
    public Uni<List<ConversationRow>> record(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] ids = claims.stream().map(c -> c.conversation().conversationId()).toArray(String[]::new);
        String[] agentIds = claims.stream().map(Claim::agentId).toArray(String[]::new);
        // One text per row (a 2-D array would need equal lengths): skills joined, split again in SQL.
        String[] unmatched = claims.stream().map(c -> String.join(",", c.unmatchedSkills())).toArray(String[]::new);
        return pool.preparedQuery("""
                UPDATE conversation SET status = 'assigned', assignee_id = v.claimed_agent, assigned_at = now(),
                       updated_at = now(), unmatched_skills = coalesce(string_to_array(nullif(v.unmatched, ''), ','), '{}')
                FROM unnest($1::text[], $2::text[], $3::text[]) AS v(claimed_id, claimed_agent, unmatched)
                WHERE id = v.claimed_id AND status = 'queued'
                RETURNING extract(epoch FROM now() - coalesce(queued_at, created_at))::float8 AS waited,\s"""
                + ConversationRow.COLUMNS)
                .execute(Tuple.of(ids, agentIds, unmatched))
                .chain(rows -> {
                    Map<String, ConversationRow> recorded = new HashMap<>();
                    for (Row row : rows) {
                        serviceLevels.queued(row.getDouble("waited"));
                        recorded.put(row.getString("id"), ConversationRow.from(row));
                    }
                    List<ConversationRow> assigned = new ArrayList<>();
                    List<Uni<Void>> releases = new ArrayList<>();
                    for (Claim claim : claims) {
                        ConversationRow row = recorded.get(claim.conversation().conversationId());
                        if (row != null) {
                            assigned.add(row);
                        } else {
                            releases.add(agents.release(claim.conversation().tenant(), claim.agentId()));
                        }
                    }
                    return releases.isEmpty() ? Uni.createFrom().item(assigned)
                            : Uni.join().all(releases).andFailFast().replaceWith(assigned);
                });
    }
}
