package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.parley.common.event.ConversationChanged;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.routing.domain.AgentScorer;
import io.parley.routing.domain.ConversationRow;
import io.parley.routing.domain.QueuedConversation;
import io.parley.routing.domain.Team;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Skills routing. Every conversation that needs a human goes through its group's queue (a Redis sorted set,
 * VIP first then first in, first out); {@link #drain} hands out queue heads while a suitable agent has free
 * capacity. This process picks the agents who could take the head (members with the requested skills, from the
 * cached {@link Team}); one {@link AssignmentScript} call then atomically checks that the conversation is still
 * the head, ranks those of them online and below capacity by the group's strategy on their live loads, and gives
 * it to the first, incrementing that load. So two routers can drain one queue at once without breaking its
 * order or any agent's capacity. PostgreSQL then records a drain's (or a batch's) assignments in one statement
 * ({@code WHERE status = 'queued'}); a conversation that stopped waiting meanwhile gives its agent's load back.
 * PostgreSQL stays the truth: {@link #enqueue} is idempotent and sweeps re-add what Redis lost.
 */
@ApplicationScoped
public class ConversationRouter {
    /**
     * KEYS: request hash, queue, the tenant's queue-group set, the tenant set, claimed marker. ARGV: conversation
     * id, request JSON, score, group, tenant. A conversation claimed moments ago is not put back.
     */
    static final String ADD_SCRIPT = """
            if redis.call('EXISTS', KEYS[5]) == 1 then return 0 end
            redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[4])
            redis.call('SADD', KEYS[4], ARGV[5])
            return 1
            """;
    /**
     * KEYS: load hash, the conversation's queue, request hash, claimed marker. ARGV: agent, capacity,
     * conversation id, marker TTL (s). Gives one specific conversation to one specific agent if they have room
     * (accept, transfer, reassign), taking it out of its queue if it waits in one.
     */
    static final String RESERVE_SCRIPT = """
            local load = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            if load >= tonumber(ARGV[2]) then return 0 end
            redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            redis.call('ZREM', KEYS[2], ARGV[3])
            redis.call('HDEL', KEYS[3], ARGV[3])
            redis.call('SET', KEYS[4], ARGV[1], 'EX', ARGV[4])
            return 1
            """;
    /** Longer than any claim-to-commit gap; after a router crash mid-decision, the sweep re-queues after this. */
    private static final int CLAIM_MARKER_TTL_SEC = 30;
    private static final int MAX_STEPS_PER_DRAIN = 10_000;

    private final Pool pool;
    private final Redis redis;
    private final DecisionLoop decisionLoop;
    private final TeamDirectory teams;
    private final ServiceLevels serviceLevels;
    private final long presenceTtlMillis;
    private final int defaultRelaxAfterSec;
    private final int avgHandleSec;
    /** Head read -> agent claimed: ranking the online agents plus the atomic claim (not the PostgreSQL write). */
    private final Timer decisions;

    public ConversationRouter(Pool pool, Redis redis, DecisionLoop decisionLoop, TeamDirectory teams,
            ServiceLevels serviceLevels,
            @ConfigProperty(name = "parley.presence.ttl-ms", defaultValue = "15000") long presenceTtlMillis,
            @ConfigProperty(name = "parley.queue.relax-after-sec", defaultValue = "120") int defaultRelaxAfterSec,
            @ConfigProperty(name = "parley.queue.avg-handle-sec", defaultValue = "240") int avgHandleSec,
            MeterRegistry registry) {
        this.decisions = Timer.builder("parley_routing_decision_seconds")
                .description("queue head read -> agent claimed (ranking + atomic claim)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                // exact bounds at the targets, so "p99 <= 2 ms" can be read off without bucket rounding
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
        this.pool = pool;
        this.redis = redis;
        this.decisionLoop = decisionLoop;
        this.teams = teams;
        this.serviceLevels = serviceLevels;
        this.presenceTtlMillis = presenceTtlMillis;
        this.defaultRelaxAfterSec = defaultRelaxAfterSec;
        this.avgHandleSec = avgHandleSec;
    }

    /** A queue: tenant and group. */
    public record QueueRef(String tenant, String group) {
    }

    // ------------------------------------------------------------------ enqueue

    /**
     * Puts queued conversations into their queues (ZADD NX keeps the original place, so re-adding is harmless)
     * and returns the queues touched.
     */
    public Uni<Set<QueueRef>> enqueue(List<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("""
                SELECT id, tenant_id, visitor_id, group_id, requested_skills, priority,
                       coalesce(queued_at, created_at) AS queued_at
                FROM conversation WHERE id = ANY($1) AND status = 'queued'""")
                .execute(Tuple.of((Object) conversationIds.toArray(String[]::new)))
                .chain(rows -> {
                    List<QueuedConversation> queued = new ArrayList<>();
                    rows.forEach(row -> queued.add(queuedFrom(row)));
                    return add(queued);
                });
    }

    static QueuedConversation queuedFrom(Row row) {
        String group = row.getString("group_id");
        return new QueuedConversation(row.getString("id"), row.getString("tenant_id"), row.getString("visitor_id"),
                group == null ? QueuedConversation.WHOLE_TEAM : group,
                Arrays.asList(row.getArrayOfStrings("requested_skills")), row.getInteger("priority") > 0,
                row.getOffsetDateTime("queued_at").toInstant().toEpochMilli());
    }

    Uni<Set<QueueRef>> add(List<QueuedConversation> queued) {
        if (queued.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Request> commands = new ArrayList<>();
        Set<QueueRef> touched = new LinkedHashSet<>();
        for (QueuedConversation q : queued) {
            commands.add(Request.cmd(Command.EVAL).arg(ADD_SCRIPT).arg(5).arg(RedisKeys.queuedRequests(q.tenant()))
                    .arg(RedisKeys.queue(q.tenant(), q.group())).arg(RedisKeys.queueGroups(q.tenant()))
                    .arg(RedisKeys.TENANTS_WITH_QUEUES).arg(RedisKeys.claimed(q.tenant(), q.conversationId()))
                    .arg(q.conversationId()).arg(Json.write(q)).arg(q.queueScore()).arg(q.group()).arg(q.tenant()));
            touched.add(new QueueRef(q.tenant(), q.group()));
        }
        return redis.batch(commands).replaceWith(touched);
    }

    // ------------------------------------------------------------------ drain

    /** A decision made in Redis and not yet recorded in PostgreSQL. */
    public record Claim(QueuedConversation conversation, String agentId) {
    }

    /** Assigns queue heads while a suitable agent has room; returns the conversations assigned. */
    public Uni<List<ConversationRow>> drain(QueueRef queue) {
        return claim(queue).chain(this::record);
    }

    /**
     * Decides for the queue's heads, one after the other, while a suitable agent has room. The first head costs
     * one read; every decision is then one {@link AssignmentScript} call, which also hands back the next head.
     * These calls go through the {@link DecisionLoop}; the result is handed back on the caller's context.
     * The claims still have to be {@linkplain #record recorded}.
     */
    public Uni<List<Claim>> claim(QueueRef queue) {
        List<Claim> claims = new ArrayList<>();
        // The tenant's online agents are only needed for the whole-team queue and relaxed heads: read once, lazily.
        Uni<List<String>> online = onlineAgents(queue.tenant()).memoize().indefinitely();
        return DecisionLoop.backToCaller(head(queue).chain(head -> step(queue, head, online, claims, 0))
                .replaceWith(claims));
    }

    private Uni<List<String>> onlineAgents(String tenant) {
        return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(RedisKeys.onlineAgents(tenant))
                .arg(System.currentTimeMillis() - presenceTtlMillis).arg("+inf")).map(online -> {
                    List<String> ids = new ArrayList<>(online.size());
                    online.forEach(agent -> ids.add(agent.toString()));
                    return ids;
                });
    }

    private Uni<Void> step(QueueRef queue, QueuedConversation head, Uni<List<String>> online, List<Claim> claims,
            int steps) {
        if (head == null) {
            return Uni.createFrom().voidItem();
        }
        if (steps >= MAX_STEPS_PER_DRAIN) {
            Log.warnf("drain of %s stopped after %d steps", queue, steps);
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        return teams.team(queue.tenant())
                .chain(team -> decide(queue, head, team, online))
                .chain(outcome -> switch (outcome) {
                    case AssignmentScript.Outcome.Assigned assigned -> {
                        decisions.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        claims.add(new Claim(head, assigned.agentId()));
                        yield request(queue, assigned.head()).chain(next -> step(queue, next, online, claims,
                                steps + 1));
                    }
                    // another router took it meanwhile: look at the head as it is now
                    case AssignmentScript.Outcome.Stale stale -> request(queue, stale.head())
                            .chain(next -> step(queue, next, online, claims, steps + 1));
                    // nobody can take the head; everyone behind it waits too
                    case AssignmentScript.Outcome.Full full -> Uni.createFrom().voidItem();
                });
    }

    /** KEYS: queue, request hash. The head's id and request in one round trip (request nil if missing). */
    static final RedisScript HEAD_SCRIPT = new RedisScript("""
            local head = redis.call('ZRANGE', KEYS[1], 0, 0)
            if head[1] == nil then return nil end
            return {head[1], redis.call('HGET', KEYS[2], head[1])}
            """);

    private Uni<QueuedConversation> head(QueueRef queue) {
        return HEAD_SCRIPT.run(decisionLoop.redis(), call -> call.arg(2)
                .arg(RedisKeys.queue(queue.tenant(), queue.group())).arg(RedisKeys.queuedRequests(queue.tenant())))
                .chain(reply -> request(queue, reply == null ? null : AssignmentScript.head(reply, 0)));
    }

    /** What a head asks for (null for an empty queue). */
    private Uni<QueuedConversation> request(QueueRef queue, AssignmentScript.Head head) {
        if (head == null) {
            return Uni.createFrom().nullItem();
        }
        return head.request() != null
                ? Uni.createFrom().item(Json.read(head.request(), QueuedConversation.class))
                : repair(queue, head.conversationId());
    }

    /** A queue entry without its request (a lost write): rebuild it from PostgreSQL, or drop a stale entry. */
    private Uni<QueuedConversation> repair(QueueRef queue, String id) {
        return pool.preparedQuery("""
                SELECT id, tenant_id, visitor_id, group_id, requested_skills, priority,
                       coalesce(queued_at, created_at) AS queued_at
                FROM conversation WHERE id = $1 AND status = 'queued'""").execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return redis.send(Request.cmd(Command.ZREM).arg(RedisKeys.queue(queue.tenant(), queue.group()))
                                .arg(id)).chain(() -> head(queue));
                    }
                    QueuedConversation q = queuedFrom(rows.iterator().next());
                    return redis.send(Request.cmd(Command.HSETNX).arg(RedisKeys.queuedRequests(q.tenant()))
                            .arg(id).arg(Json.write(q))).replaceWith(q);
                });
    }

    /**
     * Ranks and claims in one {@link AssignmentScript} call. The candidates are the group's members with every
     * requested skill; for the whole-team queue, or once the head's skills have relaxed, every online agent.
     */
    Uni<AssignmentScript.Outcome> decide(QueueRef queue, QueuedConversation head, Team team,
            Uni<List<String>> online) {
        Team.SkillGroup group = team.groups().get(queue.group());
        int relaxAfter = group == null ? defaultRelaxAfterSec : group.relaxAfterSec();
        long now = System.currentTimeMillis();
        boolean relaxed = now - head.queuedAtMillis() >= relaxAfter * 1000L;
        String strategy = group == null ? AgentScorer.SCORE : group.strategy();
        if (group != null && !relaxed) {
            return rankAndClaim(queue, head, candidates(head, team, group, false, group.members().keySet()),
                    strategy, now);
        }
        // capacity is the agent's own here: the group's limits no longer apply
        return online.chain(agents -> rankAndClaim(queue, head, candidates(head, team, null, relaxed, agents),
                strategy, now));
    }

    private Uni<AssignmentScript.Outcome> rankAndClaim(QueueRef queue, QueuedConversation head,
            List<AssignmentScript.Candidate> candidates, String strategy, long now) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(new AssignmentScript.Outcome.Full());
        }
        return AssignmentScript.run(decisionLoop.redis(), queue.tenant(), queue.group(), head.conversationId(),
                strategy, head.vip(), now, now - presenceTtlMillis, CLAIM_MARKER_TTL_SEC, candidates);
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

    /**
     * Records claims in PostgreSQL, in one statement ({@code WHERE status = 'queued'}); a conversation that
     * stopped waiting meanwhile (closed) is not assigned, and its agent's load is given back.
     */
    public Uni<List<ConversationRow>> record(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] ids = claims.stream().map(c -> c.conversation().conversationId()).toArray(String[]::new);
        String[] agents = claims.stream().map(Claim::agentId).toArray(String[]::new);
        return pool.preparedQuery("""
                UPDATE conversation SET status = 'assigned', assignee_id = v.claimed_agent, assigned_at = now(),
                       updated_at = now()
                FROM unnest($1::text[], $2::text[]) AS v(claimed_id, claimed_agent)
                WHERE id = v.claimed_id AND status = 'queued'
                RETURNING extract(epoch FROM now() - coalesce(queued_at, created_at))::float8 AS waited,\s"""
                + ConversationRow.COLUMNS)
                .execute(Tuple.of(ids, agents))
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
                            releases.add(release(claim.conversation().tenant(), claim.agentId()));
                        }
                    }
                    return releases.isEmpty() ? Uni.createFrom().item(assigned)
                            : Uni.join().all(releases).andFailFast().replaceWith(assigned);
                });
    }

    /** Reserves a unit of {@code agent}'s capacity for the conversation; false when they have none free. */
    public Uni<Boolean> reserve(String tenant, String agent, String conversationId, String group) {
        return teams.team(tenant).chain(team -> {
            int capacity = team.capacity(agent, group == null ? null : team.groups().get(group));
            return redis.send(Request.cmd(Command.EVAL).arg(RESERVE_SCRIPT).arg(4).arg(RedisKeys.agentLoad(tenant))
                    .arg(RedisKeys.queue(tenant, group == null ? QueuedConversation.WHOLE_TEAM : group))
                    .arg(RedisKeys.queuedRequests(tenant)).arg(RedisKeys.claimed(tenant, conversationId))
                    .arg(agent).arg(capacity).arg(conversationId).arg(CLAIM_MARKER_TTL_SEC))
                    .map(reply -> reply.toInteger() == 1);
        });
    }

    /**
     * Puts a conversation that waits again (transferred to a group, reopened) back in its queue, even if a
     * router claimed it moments ago.
     */
    public Uni<Set<QueueRef>> requeue(String tenant, String conversationId) {
        return redis.send(Request.cmd(Command.DEL).arg(RedisKeys.claimed(tenant, conversationId)))
                .chain(() -> enqueue(List.of(conversationId)));
    }

    /** Whether the agent has a fresh heartbeat from at least one console. */
    public Uni<Boolean> isOnline(String tenant, String agent) {
        return redis.send(Request.cmd(Command.ZSCORE).arg(RedisKeys.onlineAgents(tenant)).arg(agent))
                .map(score -> score != null && score.toDouble() >= System.currentTimeMillis() - presenceTtlMillis);
    }

    /** Every queue the tenant has had (capacity freed anywhere may serve any of them). */
    public Uni<List<QueueRef>> queuesOf(String tenant) {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.queueGroups(tenant))).map(groups -> {
            List<QueueRef> refs = new ArrayList<>();
            groups.forEach(g -> refs.add(new QueueRef(tenant, g.toString())));
            return refs;
        });
    }

    /**
     * KEYS: queue, the tenant's queue-group set, the tenant set. ARGV: group, tenant. Forgets an empty queue (and
     * a tenant without queues), so sweeps cost what is waiting now, not every queue there ever was. Atomic
     * with {@link #ADD_SCRIPT}, which registers the queue again with its next conversation.
     */
    static final String PRUNE_SCRIPT = """
            if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
            redis.call('SREM', KEYS[2], ARGV[1])
            if redis.call('SCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[3], ARGV[2]) end
            return 1
            """;

    /** Forgets those of the queues that are empty. */
    public Uni<Void> pruneEmpty(Collection<QueueRef> queues) {
        if (queues.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> commands = new ArrayList<>();
        for (QueueRef q : queues) {
            commands.add(Request.cmd(Command.EVAL).arg(PRUNE_SCRIPT).arg(3).arg(RedisKeys.queue(q.tenant(), q.group()))
                    .arg(RedisKeys.queueGroups(q.tenant())).arg(RedisKeys.TENANTS_WITH_QUEUES)
                    .arg(q.group()).arg(q.tenant()));
        }
        return redis.batch(commands).replaceWithVoid();
    }

    /** One conversation fewer for the agent; they count as idle from now. */
    public Uni<Void> release(String tenant, String agent) {
        return redis.batch(List.of(
                Request.cmd(Command.HINCRBY).arg(RedisKeys.agentLoad(tenant)).arg(agent).arg(-1),
                Request.cmd(Command.HSET).arg(RedisKeys.agentIdleSince(tenant)).arg(agent)
                        .arg(System.currentTimeMillis()))).replaceWithVoid();
    }

    // ------------------------------------------------------------------ positions

    /** What this process last told each queue's visitors: conversation id -> "position/eta". */
    private final Map<QueueRef, Map<String, String>> announced = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The waiting conversations whose position or estimated wait differs from what this process last announced
     * (another router may have announced it too; a repeat is harmless, and clients show the latest).
     */
    public Uni<List<ConversationChanged>> changedPositions(QueueRef queue) {
        return positions(queue).map(places -> unannounced(queue, places));
    }

    /** Of the queue's current places, those this process has not announced yet; they count as announced now. */
    public List<ConversationChanged> unannounced(QueueRef queue, List<ConversationChanged> places) {
        Map<String, String> before = announced.getOrDefault(queue, Map.of());
        Map<String, String> now = new HashMap<>();
        List<ConversationChanged> changed = new ArrayList<>();
        for (ConversationChanged place : places) {
            String shown = place.position() + "/" + place.etaSec();
            now.put(place.conversationId(), shown);
            if (!shown.equals(before.get(place.conversationId()))) {
                changed.add(place);
            }
        }
        if (now.isEmpty()) {
            announced.remove(queue);
        } else {
            announced.put(queue, now);
        }
        return changed;
    }

    /**
     * Every waiting conversation of the queue with its position (1 = next) and an estimated wait:
     * {@code position × parley.queue.avg-handle-sec / max(1, online capacity of the group)}, rounded up.
     */
    public Uni<List<ConversationChanged>> positions(QueueRef queue) {
        return redis.send(Request.cmd(Command.ZRANGE).arg(RedisKeys.queue(queue.tenant(), queue.group())).arg(0)
                .arg(-1)).chain(range -> {
                    if (range == null || range.size() == 0) {
                        return Uni.createFrom().item(List.<ConversationChanged>of());
                    }
                    Request requests = Request.cmd(Command.HMGET).arg(RedisKeys.queuedRequests(queue.tenant()));
                    range.forEach(id -> requests.arg(id.toString()));
                    return Uni.combine().all().unis(redis.send(requests), onlineCapacity(queue))
                            .with((replies, capacity) -> {
                                List<ConversationChanged> result = new ArrayList<>();
                                long ts = System.currentTimeMillis();
                                int position = 0;
                                for (Response reply : replies) {
                                    if (reply == null) {
                                        continue; // claimed between the two reads: no longer waiting
                                    }
                                    position++;
                                    QueuedConversation q = Json.read(reply.toString(), QueuedConversation.class);
                                    int eta = (int) Math.ceil((double) position * avgHandleSec / Math.max(1, capacity));
                                    result.add(new ConversationChanged(q.tenant(), q.conversationId(), q.visitorId(),
                                            ConversationStatus.QUEUED, null, 0, ts, position, eta));
                                }
                                return result;
                            });
                });
    }

    private Uni<Integer> onlineCapacity(QueueRef queue) {
        return teams.team(queue.tenant()).chain(team -> redis.send(Request.cmd(Command.ZRANGEBYSCORE)
                .arg(RedisKeys.onlineAgents(queue.tenant())).arg(System.currentTimeMillis() - presenceTtlMillis)
                .arg("+inf")).map(online -> {
                    Team.SkillGroup group = team.groups().get(queue.group());
                    int capacity = 0;
                    for (Response agent : online) {
                        String id = agent.toString();
                        if (group == null || group.members().containsKey(id)) {
                            capacity += team.capacity(id, group);
                        }
                    }
                    return capacity;
                }));
    }
}
