package io.parley.routing.service;

import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationCommand;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;
import io.parley.routing.domain.ConversationAction;
import io.parley.routing.domain.ConversationRow;
import io.parley.routing.domain.ConversationStateMachine;
import io.parley.routing.domain.QueueRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies agents' and supervisors' actions (accept, transfer, close, reopen, reassign). One transaction locks
 * the conversation, checks tenant, permission and the {@link ConversationStateMachine}, reserves the receiving
 * agent's capacity (atomically, in Redis) where an agent receives it, updates the row and writes the audit log.
 * After the commit the former agent's capacity is released and the affected queues are drained. A refusal
 * changes nothing and names the reason.
 */
@ApplicationScoped
public class ConversationActions {
    private final Pool pool;
    private final QueueStore queues;
    private final AgentCapacity agents;
    private final TeamDirectory teams;

    public ConversationActions(Pool pool, QueueStore queues, AgentCapacity agents, TeamDirectory teams) {
        this.pool = pool;
        this.queues = queues;
        this.agents = agents;
        this.teams = teams;
    }

    /** What an applied or refused action leads to; {@code after} is null when refused. */
    /** {@code closedAfterSec}: for a close, how long the conversation had been open (for the resolution SLA). */
    public record Outcome(CommandResult result, ConversationRow before, ConversationRow after, String releasedAgent,
            List<QueueRef> queuesToDispatch, Double closedAfterSec) {
    }

    /** A refusal found while checking; nothing has been changed. */
    private static final class Refused extends RuntimeException {
        final ErrorCode code;

        Refused(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    public Uni<Outcome> apply(ConversationCommand command) {
        String[] reserved = { null };
        return pool.withTransaction(conn -> lock(conn, command.conversationId())
                .chain(before -> check(command, before)
                        .chain(plan -> reserveIfNeeded(command, before, plan, reserved))
                        .chain(plan -> write(conn, command, before, plan))))
                .onFailure(Refused.class).recoverWithItem(e -> {
                    Refused refused = (Refused) e;
                    return new Outcome(CommandResult.refused(command, refused.code, refused.getMessage()), null,
                            null, null, List.of(), null);
                })
                .onFailure().call(() -> reserved[0] == null ? Uni.createFrom().voidItem()
                        : agents.release(command.tenant(), reserved[0]))
                .call(outcome -> outcome.after() == null && reserved[0] != null
                        ? agents.release(command.tenant(), reserved[0]) : Uni.createFrom().voidItem())
                .call(outcome -> outcome.releasedAgent() == null ? Uni.createFrom().voidItem()
                        : agents.release(command.tenant(), outcome.releasedAgent()));
    }

    /**
     * A bot hands its conversation to the team ({@code bot -> queued}): the bot's skills are added to those the
     * conversation asked for, its handoff is stored for the agents, and the change is audited. Returns the row
     * after, or null (nothing changed) when the conversation is not with the bot any more, e.g. when the same
     * handoff is redelivered.
     */
    public Uni<ConversationRow> handOff(String tenant, String conversationId, String botId, Handoff handoff) {
        return pool.withTransaction(conn -> lock(conn, conversationId).chain(before -> {
            if (before == null || !before.tenant().equals(tenant)
                    || before.status() != ConversationStatus.BOT) {
                return Uni.createFrom().<ConversationRow>nullItem();
            }
            ConversationStatus status = ConversationStateMachine.next(before.status(), ConversationAction.ENQUEUE);
            return conn.preparedQuery("""
                    UPDATE conversation SET status = $2, queued_at = now(), updated_at = now(),
                           handoff = $4::text::jsonb,
                           requested_skills = ARRAY(SELECT DISTINCT s FROM unnest(requested_skills || $3::text[]) AS s)
                    WHERE id = $1 RETURNING\s""" + ConversationRow.COLUMNS)
                    .execute(Tuple.of(before.id(), status.wire(), handoff.skills().toArray(String[]::new),
                            Json.write(handoff)))
                    .map(rows -> ConversationRow.from(rows.iterator().next()))
                    .call(after -> audit(conn, tenant, "bot", botId, "handoff", before.id(),
                            before, after, handoff.summary()));
        }));
    }

    private Uni<ConversationRow> lock(SqlConnection conn, String id) {
        return conn.preparedQuery("SELECT " + ConversationRow.COLUMNS + " FROM conversation WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : ConversationRow.from(rows.iterator().next()));
    }

    /** The decided change: the machine's action, who receives the conversation (if an agent), which group. */
    private record Plan(ConversationAction action, String receivingAgent, String group) {
    }

    private Uni<Plan> check(ConversationCommand c, ConversationRow conv) {
        if (conv == null || !conv.tenant().equals(c.tenant())) {
            // Another tenant's conversation looks exactly like a missing one.
            return refuse(ErrorCode.NOT_FOUND, "no such conversation");
        }
        String actor = c.actor().id();
        boolean holder = actor.equals(conv.assigneeId());
        ConversationAction action = switch (c.action()) {
            case ACCEPT -> ConversationAction.ASSIGN;
            case TRANSFER -> c.toAgent() != null ? ConversationAction.TRANSFER_TO_AGENT
                    : ConversationAction.TRANSFER_TO_GROUP;
            case CLOSE -> ConversationAction.CLOSE;
            case REOPEN -> ConversationAction.REOPEN;
            case REASSIGN -> ConversationAction.REASSIGN;
        };
        if (action == ConversationAction.REASSIGN && !c.supervisor()) {
            return refuse(ErrorCode.FORBIDDEN, "only supervisors can reassign conversations");
        }
        if ((action == ConversationAction.TRANSFER_TO_AGENT || action == ConversationAction.TRANSFER_TO_GROUP
                || action == ConversationAction.CLOSE) && !holder && !c.supervisor()) {
            return refuse(ErrorCode.FORBIDDEN, "only the assigned agent or a supervisor can "
                    + c.action().wire() + " this conversation");
        }
        if (!ConversationStateMachine.allows(conv.status(), action)) {
            return refuse(ErrorCode.INVALID_STATE, "cannot " + c.action().wire() + " a conversation that is "
                    + conv.status().wire());
        }
        return switch (action) {
            case ASSIGN -> Uni.createFrom().item(new Plan(action, actor, conv.groupId()));
            case TRANSFER_TO_AGENT, REASSIGN -> {
                if (c.toAgent().equals(conv.assigneeId())) {
                    yield refuse(ErrorCode.INVALID_STATE, "the conversation is already assigned to " + c.toAgent());
                }
                yield agents.isOnline(c.tenant(), c.toAgent()).chain(online -> online
                        ? Uni.createFrom().item(new Plan(action, c.toAgent(), conv.groupId()))
                        : refuse(ErrorCode.AGENT_UNAVAILABLE, "agent " + c.toAgent() + " is not online"));
            }
            case TRANSFER_TO_GROUP -> teams.team(c.tenant()).chain(team -> team.groups().containsKey(c.toGroup())
                    ? Uni.createFrom().item(new Plan(action, null, c.toGroup()))
                    : refuse(ErrorCode.NOT_FOUND, "no such group: " + c.toGroup()));
            default -> Uni.createFrom().item(new Plan(action, null, conv.groupId()));
        };
    }

    private Uni<Plan> reserveIfNeeded(ConversationCommand c, ConversationRow conv, Plan plan, String[] reserved) {
        if (plan.receivingAgent() == null) {
            return Uni.createFrom().item(plan);
        }
        return agents.reserve(c.tenant(), plan.receivingAgent(), conv.id(), conv.groupId()).chain(ok -> {
            if (!ok) {
                return refuse(ErrorCode.AGENT_UNAVAILABLE, plan.receivingAgent().equals(c.actor().id())
                        ? "you have no free capacity" : "agent " + plan.receivingAgent() + " has no free capacity");
            }
            reserved[0] = plan.receivingAgent();
            return Uni.createFrom().item(plan);
        });
    }

    private Uni<Outcome> write(SqlConnection conn, ConversationCommand c, ConversationRow before, Plan plan) {
        ConversationStatus status = ConversationStateMachine.next(before.status(), plan.action());
        String assignee = switch (status) {
            case ASSIGNED -> plan.receivingAgent();
            case CLOSED -> before.assigneeId(); // kept: who handled it, and late sends of theirs still land
            default -> null;
        };
        boolean queued = status == ConversationStatus.QUEUED;
        double[] age = { 0 };
        return conn.preparedQuery("""
                UPDATE conversation SET status = $2, assignee_id = $3, group_id = $4,
                       queued_at = CASE WHEN $5 THEN now() ELSE queued_at END,
                       assigned_at = CASE WHEN $2 = 'assigned' THEN now() ELSE assigned_at END,
                       closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE NULL END, updated_at = now(),
                       unmatched_skills = '{}'
                WHERE id = $1
                RETURNING extract(epoch FROM now() - created_at)::float8 AS age,\s""" + ConversationRow.COLUMNS)
                .execute(Tuple.of(before.id(), status.wire(), assignee, plan.group(), queued))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    age[0] = row.getDouble("age");
                    return ConversationRow.from(row);
                })
                .call(after -> audit(conn, c, plan, before, after))
                .chain(after -> {
                    // The former holder loses it unless it stays with them; closing frees them too.
                    String released = before.status() == ConversationStatus.ASSIGNED
                            && (status != ConversationStatus.ASSIGNED || !before.assigneeId().equals(after.assigneeId()))
                                    ? before.assigneeId() : null;
                    Uni<List<QueueRef>> toDrain = queued
                            ? queues.requeue(after.tenant(), after.id()).chain(() -> queues.queuesOf(c.tenant()))
                            : released != null ? queues.queuesOf(c.tenant()) : Uni.createFrom().item(List.of());
                    return toDrain.map(q -> new Outcome(CommandResult.applied(c, status, after.assignee()), before,
                            after, released, q, status == ConversationStatus.CLOSED ? age[0] : null));
                });
    }

    private Uni<Void> audit(SqlConnection conn, ConversationCommand c, Plan plan, ConversationRow before,
            ConversationRow after) {
        return audit(conn, c.tenant(), c.actor().kind() == Participant.Kind.SYSTEM ? "system"
                : c.supervisor() ? "supervisor" : c.actor().kind().wire(),
                c.actor().id(), plan.action().wire(), c.conversationId(), before, after, c.note());
    }

    private Uni<Void> audit(SqlConnection conn, String tenant, String actorKind, String actorId, String action,
            String conversationId, ConversationRow before, ConversationRow after, String note) {
        return conn.preparedQuery("""
                INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, conversation_id, before, after, note)
                VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8)""")
                .execute(Tuple.from(new Object[] { tenant, actorKind, actorId, action, conversationId,
                        snapshot(before), snapshot(after), note }))
                .replaceWithVoid();
    }

    private static String snapshot(ConversationRow row) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", row.status().wire());
        state.put("assignee", row.assigneeId());
        state.put("group", row.groupId());
        return Json.write(state);
    }

    private static <T> Uni<T> refuse(ErrorCode code, String message) {
        return Uni.createFrom().failure(new Refused(code, message));
    }
}
