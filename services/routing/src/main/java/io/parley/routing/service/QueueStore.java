package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.parley.common.json.Json;
import io.parley.routing.domain.DrainState;
import io.parley.routing.domain.QueueRef;
import io.parley.routing.domain.QueuedConversation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The queues in Redis: who waits where. A group's queue is a set of lanes, one sorted set per set of requested
 * skills (VIPs first, then first in, first out); {@code parley:{tenant}:queued} keeps each waiting conversation's
 * request. PostgreSQL stays the truth ({@code status = 'queued'}): {@link #enqueue} is idempotent, and sweeps
 * re-add what Redis lost. Decisions themselves are the {@link ConversationRouter}'s.
 */
@ApplicationScoped
public class QueueStore {
    static final RedisScript ADD = RedisScript.load("queue-add.lua");
    static final RedisScript HEADS = RedisScript.load("lanes.lua", "queue-heads.lua");
    static final RedisScript ENTRIES = RedisScript.load("queue-entries.lua");
    static final RedisScript DEQUEUE = RedisScript.load("lanes.lua", "queue-dequeue.lua");
    static final RedisScript PRUNE = RedisScript.load("queue-prune.lua");
    static final String QUEUED_COLUMNS = """
            id, tenant_id, visitor_id, group_id, requested_skills, priority,
            coalesce(queued_at, created_at) AS queued_at""";

    private final Pool pool;
    private final Redis redis;
    private final DecisionLoop decisionLoop;

    public QueueStore(Pool pool, Redis redis, DecisionLoop decisionLoop) {
        this.pool = pool;
        this.redis = redis;
        this.decisionLoop = decisionLoop;
    }

    /**
     * Puts queued conversations into their lanes (ZADD NX keeps the original place, so re-adding is harmless)
     * and returns the queues touched.
     */
    public Uni<Set<QueueRef>> enqueue(List<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("SELECT " + QUEUED_COLUMNS + " FROM conversation WHERE id = ANY($1) AND status = 'queued'")
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
        Set<QueueRef> touched = new LinkedHashSet<>();
        List<UnaryOperator<Request>> calls = new ArrayList<>();
        for (QueuedConversation q : queued) {
            touched.add(new QueueRef(q.tenant(), q.group()));
            calls.add(call -> call.arg(6).arg(RedisKeys.queuedRequests(q.tenant()))
                    .arg(RedisKeys.queueLane(q.tenant(), q.group(), q.lane()))
                    .arg(RedisKeys.queueLanes(q.tenant(), q.group())).arg(RedisKeys.queueGroups(q.tenant()))
                    .arg(RedisKeys.TENANTS_WITH_QUEUES).arg(RedisKeys.claimed(q.tenant(), q.conversationId()))
                    .arg(q.conversationId()).arg(Json.write(q)).arg(q.queueScore()).arg(q.lane()).arg(q.group())
                    .arg(q.tenant()));
        }
        return ADD.batch(redis, calls).replaceWith(touched);
    }

    /**
     * Puts a conversation that waits again (transferred to a group, reopened) back in its queue, even if a
     * router claimed it moments ago.
     */
    public Uni<Set<QueueRef>> requeue(String tenant, String conversationId) {
        return redis.send(Request.cmd(Command.DEL).arg(RedisKeys.claimed(tenant, conversationId)))
                .chain(() -> enqueue(List.of(conversationId)));
    }

    /** Takes conversations that stopped waiting out of their queues. */
    public Uni<Void> dequeue(String tenant, Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return DEQUEUE.run(redis, call -> {
            call.arg(1).arg(RedisKeys.queuedRequests(tenant)).arg(RedisKeys.queuePrefix(tenant));
            conversationIds.forEach(call::arg);
            return call;
        }).replaceWithVoid();
    }

    /** The heads of the group's lanes, read on the decision loop (drains start here). */
    public Uni<List<DrainState.Head>> heads(QueueRef queue) {
        return HEADS.run(decisionLoop.redis(), call -> call.arg(2).arg(RedisKeys.queueLanes(queue.tenant(), queue.group()))
                .arg(RedisKeys.queuedRequests(queue.tenant()))
                .arg(RedisKeys.queueLanePrefix(queue.tenant(), queue.group())))
                .map(reply -> AssignmentScript.heads(reply, 0));
    }

    /** Everything waiting in the group's queue, in line (VIPs first, then first in); entries being claimed are left out. */
    public Uni<List<QueuedConversation>> entries(QueueRef queue) {
        return ENTRIES.run(redis, call -> call.arg(2).arg(RedisKeys.queueLanes(queue.tenant(), queue.group()))
                .arg(RedisKeys.queuedRequests(queue.tenant()))
                .arg(RedisKeys.queueLanePrefix(queue.tenant(), queue.group())))
                .map(QueueStore::inLine);
    }

    private static List<QueuedConversation> inLine(Response reply) {
        List<DrainState.Head> entries = new ArrayList<>();
        for (int i = 0; i + 2 < reply.size(); i += 3) {
            Response request = reply.get(i + 2);
            if (request != null) { // claimed between the reads: no longer waiting
                entries.add(new DrainState.Head("", reply.get(i).toString(),
                        Double.parseDouble(reply.get(i + 1).toString()), request.toString()));
            }
        }
        entries.sort(Comparator.comparingDouble(DrainState.Head::score).thenComparing(DrainState.Head::conversationId));
        return entries.stream().map(e -> Json.read(e.request(), QueuedConversation.class)).toList();
    }

    /**
     * A lane's head whose request went missing (a lost write): its request rebuilt from PostgreSQL, or null after
     * dropping the entry when the conversation no longer waits.
     */
    public Uni<QueuedConversation> repair(QueueRef queue, DrainState.Head head) {
        return pool.preparedQuery("SELECT " + QUEUED_COLUMNS + " FROM conversation WHERE id = $1 AND status = 'queued'")
                .execute(Tuple.of(head.conversationId()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return redis.send(Request.cmd(Command.ZREM)
                                .arg(RedisKeys.queueLane(queue.tenant(), queue.group(), head.lane()))
                                .arg(head.conversationId())).replaceWith((QueuedConversation) null);
                    }
                    QueuedConversation q = queuedFrom(rows.iterator().next());
                    return redis.send(Request.cmd(Command.HSETNX).arg(RedisKeys.queuedRequests(q.tenant()))
                            .arg(q.conversationId()).arg(Json.write(q))).replaceWith(q);
                });
    }

    /** Every queue the tenant has had (capacity freed anywhere may serve any of them). */
    public Uni<List<QueueRef>> queuesOf(String tenant) {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.queueGroups(tenant))).map(groups -> {
            List<QueueRef> refs = new ArrayList<>();
            groups.forEach(g -> refs.add(new QueueRef(tenant, g.toString())));
            return refs;
        });
    }

    /** Every queue of every tenant with a non-empty queue. */
    public Uni<Set<QueueRef>> allQueues() {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.TENANTS_WITH_QUEUES))
                .onItem().transformToMulti(tenants -> io.smallrye.mutiny.Multi.createFrom().iterable(tenants))
                .onItem().transformToUniAndConcatenate(tenant -> queuesOf(tenant.toString()))
                .collect().in(LinkedHashSet::new, Set::addAll);
    }

    /** Forgets those of the queues' lanes that are empty (and queues, and tenants, left without any). */
    public Uni<Void> pruneEmpty(Collection<QueueRef> queues) {
        List<UnaryOperator<Request>> calls = new ArrayList<>();
        for (QueueRef q : queues) {
            calls.add(call -> call.arg(3).arg(RedisKeys.queueLanes(q.tenant(), q.group()))
                    .arg(RedisKeys.queueGroups(q.tenant())).arg(RedisKeys.TENANTS_WITH_QUEUES)
                    .arg(RedisKeys.queueLanePrefix(q.tenant(), q.group())).arg(q.group()).arg(q.tenant()));
        }
        return PRUNE.batch(redis, calls).replaceWithVoid();
    }
}
