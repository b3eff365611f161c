package io.parley.routing.service;

import io.parley.common.RedisKeys;
import io.parley.routing.domain.AgentScorer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.List;

/**
 * One routing decision as one Redis script: is this conversation still its queue's head; which of the agents
 * that could take it are online and below capacity; who ranks first by the group's strategy (the ordering of
 * {@link AgentScorer}, evaluated here on the live load and idle time); then that agent's load goes up by one,
 * the conversation leaves the queue and is marked claimed. Everything the ranking needs that changes by the
 * second is read inside the script, so a decision is a single round trip and cannot act on a stale load; the
 * parts that change only with configuration (skill share, rating, capacity) come with the call. The reply also
 * carries the queue's head as it then is, so draining a queue needs no separate read between decisions.
 */
public final class AssignmentScript {
    /**
     * KEYS: queue, load hash, request hash, claimed marker, online agents, idle-since hash. ARGV: conversation
     * id, marker TTL (s), strategy, now (ms), online since (ms), VIP factor, weights skill / free / rating /
     * idle, idle cap (ms), then per candidate: agent, capacity, skill share, rating share. Candidates come in
     * agent-id order, so keeping the earlier of two equals breaks the last tie as {@link AgentScorer} does.
     */
    static final RedisScript SCRIPT = new RedisScript("""
            -- one call per lookup for all candidates (absent: false), in slices that unpack can take
            local function many(command, key, names)
              local all = {}
              for from = 1, #names, 1000 do
                local slice = redis.call(command, key, unpack(names, from, math.min(from + 999, #names)))
                for j = 1, #slice do all[from + j - 1] = slice[j] end
              end
              return all
            end
            -- the reply, then the queue's head (if any) with its request
            local function withHead(reply, head)
              if head then
                table.insert(reply, head)
                table.insert(reply, redis.call('HGET', KEYS[3], head))
              end
              return reply
            end
            local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
            if head ~= ARGV[1] then return withHead({'stale'}, head) end
            local strategy, now, since, vip = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
            local wSkill, wFree, wRating, wIdle = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]),
              tonumber(ARGV[10])
            local idleCap = tonumber(ARGV[11])
            local agents = {}
            for i = 12, #ARGV, 4 do table.insert(agents, ARGV[i]) end
            local seen, loads, idles = many('ZMSCORE', KEYS[5], agents), many('HMGET', KEYS[2], agents),
              many('HMGET', KEYS[6], agents)
            local best, bestKey, bestIdle
            for n, agent in ipairs(agents) do
              local i = 8 + 4 * n
              if seen[n] and tonumber(seen[n]) >= since then
                local capacity = tonumber(ARGV[i + 1])
                local load = tonumber(loads[n]) or 0
                if load < capacity then
                  local idleSince = tonumber(idles[n]) or 0
                  local key
                  if strategy == 'least_loaded' then
                    key = load
                  elseif strategy == 'round_robin' then
                    key = 0
                  else
                    local free = 0
                    if capacity > 0 then free = 1.0 - load / capacity end
                    local idle = math.min(math.max(0, now - idleSince), idleCap) / idleCap
                    key = -(wSkill * tonumber(ARGV[i + 2]) + wFree * free + wRating * tonumber(ARGV[i + 3]) * vip
                      + wIdle * idle)
                  end
                  if best == nil or key < bestKey or (key == bestKey and idleSince < bestIdle) then
                    best, bestKey, bestIdle = agent, key, idleSince
                  end
                end
              end
            end
            if best == nil then return {'full'} end
            redis.call('HINCRBY', KEYS[2], best, 1)
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('SET', KEYS[4], best, 'EX', ARGV[2])
            return withHead({'assigned', best}, redis.call('ZRANGE', KEYS[1], 0, 0)[1])
            """);

    /** An agent who could take the conversation: what the script needs beyond the live state. */
    public record Candidate(String agentId, int capacity, double skillShare, double ratingShare) {
    }

    /** A queue's head: conversation id and its request as JSON (null if the request went missing). */
    public record Head(String conversationId, String request) {
    }

    /** The script's answer: the agent assigned, or why nobody was; {@code head} is null for an empty queue. */
    public sealed interface Outcome {
        record Assigned(String agentId, Head head) implements Outcome {
        }

        /** Someone else took the conversation meanwhile: {@code head} is the one to look at now. */
        record Stale(Head head) implements Outcome {
        }

        /** Nobody online with room: the head waits, and so does everyone behind it. */
        record Full() implements Outcome {
        }
    }

    private AssignmentScript() {
    }

    /** Runs the script; {@code candidates} must be in agent-id order (the last tie-break). */
    public static Uni<Outcome> run(Redis redis, String tenant, String group, String conversationId, String strategy,
            boolean vip, long nowMillis, long onlineSinceMillis, int markerTtlSec, List<Candidate> candidates) {
        return SCRIPT.run(redis, call -> args(call, tenant, group, conversationId, strategy, vip, nowMillis,
                onlineSinceMillis, markerTtlSec, candidates)).map(AssignmentScript::outcome);
    }

    private static Request args(Request eval, String tenant, String group, String conversationId, String strategy,
            boolean vip, long nowMillis, long onlineSinceMillis, int markerTtlSec, List<Candidate> candidates) {
        eval.arg(6).arg(RedisKeys.queue(tenant, group)).arg(RedisKeys.agentLoad(tenant))
                .arg(RedisKeys.queuedRequests(tenant)).arg(RedisKeys.claimed(tenant, conversationId))
                .arg(RedisKeys.onlineAgents(tenant)).arg(RedisKeys.agentIdleSince(tenant))
                .arg(conversationId).arg(markerTtlSec).arg(strategy).arg(nowMillis).arg(onlineSinceMillis)
                .arg(vip ? 2 : 1).arg(Double.toString(AgentScorer.SKILL)).arg(Double.toString(AgentScorer.FREE))
                .arg(Double.toString(AgentScorer.RATING)).arg(Double.toString(AgentScorer.IDLE))
                .arg(AgentScorer.IDLE_CAP_MILLIS);
        for (Candidate c : candidates) {
            eval.arg(c.agentId()).arg(c.capacity()).arg(Double.toString(c.skillShare()))
                    .arg(Double.toString(c.ratingShare()));
        }
        return eval;
    }

    static Outcome outcome(Response reply) {
        return switch (reply.get(0).toString()) {
            case "assigned" -> new Outcome.Assigned(reply.get(1).toString(), head(reply, 2));
            case "stale" -> new Outcome.Stale(head(reply, 1));
            default -> new Outcome.Full();
        };
    }

    /** The head at {@code from} (id, request) in a reply, or null when the reply ends there. */
    static Head head(Response reply, int from) {
        if (reply.size() <= from) {
            return null;
        }
        Response request = reply.size() > from + 1 ? reply.get(from + 1) : null;
        return new Head(reply.get(from).toString(), request == null ? null : request.toString());
    }
}
