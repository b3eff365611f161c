package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.parley.routing.domain.AgentScorer;
import io.parley.routing.domain.DrainState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One routing decision as one Redis script ({@code lua/assign.lua}): is this conversation still first in line;
 * which of the agents that could take it are online and below capacity; who ranks first by the group's strategy
 * (the ordering of {@link AgentScorer}, evaluated there on the live load and idle time); then that agent's load
 * goes up by one, the conversation leaves its lane and is marked claimed. Everything the ranking needs that changes
 * by the second is read inside the script, so a decision is a single round trip and cannot act on a stale load;
 * the parts that change only with configuration (skill share, rating, capacity) come with the call. The reply also
 * carries the heads of the group's lanes as they then are, so draining needs no separate read between decisions.
 */
public final class AssignmentScript {
    static final RedisScript SCRIPT = RedisScript.load("lanes.lua", "assign.lua");

    /** An agent who could take the conversation: what the script needs beyond the live state. */
    public record Candidate(String agentId, int capacity, double skillShare, double ratingShare) {
    }

    /** The conversation to decide for, and what its drain has passed over (lane -> head) ahead of it. */
    public record Call(String tenant, String group, String lane, String conversationId, String strategy, boolean vip,
            Map<String, String> passedOver) {
    }

    /** The script's answer: the agent assigned, or why nobody was; {@code heads} are the lanes' heads after it. */
    public sealed interface Outcome {
        List<DrainState.Head> heads();

        record Assigned(String agentId, List<DrainState.Head> heads) implements Outcome {
        }

        /** Someone else took it, or something older arrived meanwhile: look at the heads as they are now. */
        record Stale(List<DrainState.Head> heads) implements Outcome {
        }

        /** Nobody online with room: the conversation waits. */
        record Full(List<DrainState.Head> heads) implements Outcome {
        }
    }

    private AssignmentScript() {
    }

    /** Runs the script; {@code candidates} must be in agent-id order (the last tie-break). */
    public static Uni<Outcome> run(Redis redis, Call call, long nowMillis, long onlineSinceMillis, int markerTtlSec,
            List<Candidate> candidates) {
        return SCRIPT.run(redis, eval -> args(eval, call, nowMillis, onlineSinceMillis, markerTtlSec, candidates))
                .map(AssignmentScript::outcome);
    }

    private static Request args(Request eval, Call call, long nowMillis, long onlineSinceMillis, int markerTtlSec,
            List<Candidate> candidates) {
        String tenant = call.tenant();
        eval.arg(7).arg(RedisKeys.queueLane(tenant, call.group(), call.lane())).arg(RedisKeys.agentLoad(tenant))
                .arg(RedisKeys.queuedRequests(tenant)).arg(RedisKeys.claimed(tenant, call.conversationId()))
                .arg(RedisKeys.onlineAgents(tenant)).arg(RedisKeys.agentIdleSince(tenant))
                .arg(RedisKeys.queueLanes(tenant, call.group()))
                .arg(call.conversationId()).arg(markerTtlSec).arg(call.strategy()).arg(nowMillis).arg(onlineSinceMillis)
                .arg(call.vip() ? 2 : 1).arg(Double.toString(AgentScorer.SKILL)).arg(Double.toString(AgentScorer.FREE))
                .arg(Double.toString(AgentScorer.RATING)).arg(Double.toString(AgentScorer.IDLE))
                .arg(AgentScorer.IDLE_CAP_MILLIS).arg(RedisKeys.queueLanePrefix(tenant, call.group()))
                .arg(call.passedOver().size());
        call.passedOver().forEach((lane, head) -> eval.arg(lane).arg(head));
        for (Candidate c : candidates) {
            eval.arg(c.agentId()).arg(c.capacity()).arg(Double.toString(c.skillShare()))
                    .arg(Double.toString(c.ratingShare()));
        }
        return eval;
    }

    static Outcome outcome(Response reply) {
        List<DrainState.Head> heads = heads(reply, 2);
        return switch (reply.get(0).toString()) {
            case "assigned" -> new Outcome.Assigned(reply.get(1).toString(), heads);
            case "stale" -> new Outcome.Stale(heads);
            default -> new Outcome.Full(heads);
        };
    }

    /** Lane heads as the scripts return them: quadruples (lane, conversation id, score, request or nil). */
    static List<DrainState.Head> heads(Response reply, int from) {
        List<DrainState.Head> heads = new ArrayList<>();
        for (int i = from; i + 3 < reply.size(); i += 4) { // every quadruple is complete; a missing request is nil
            Response request = reply.get(i + 3);
            heads.add(new DrainState.Head(reply.get(i).toString(), reply.get(i + 1).toString(),
                    Double.parseDouble(reply.get(i + 2).toString()), request == null ? null : request.toString()));
        }
        return heads;
    }
}
