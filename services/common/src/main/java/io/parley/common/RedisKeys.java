package io.parley.common;

import io.parley.common.model.Participant;

/** Redis key and channel names, defined once so gateway and routing cannot drift apart. */
public final class RedisKeys {
    private RedisKeys() {
    }

    /**
     * Pub/sub channel of one participant. A gateway subscribes while it holds at least one socket of that
     * participant; routing publishes every sequenced message and conversation change to the channels of the
     * conversation's participants.
     */
    public static String participantChannel(String tenant, Participant.Kind kind, String id) {
        return "parley:ch:" + tenant + ":" + kind.wire() + ":" + id;
    }

    /**
     * Sorted set of the tenant's online agents, score = last heartbeat (epoch ms), written by gateways. In the
     * tenant's hash slot: the assignment script reads it together with the loads and queues.
     */
    public static String onlineAgents(String tenant) {
        return "parley:{" + tenant + "}:online";
    }

    /**
     * Hash agentId -> number of open conversations assigned, written by routing. The {tenant} hash tag keeps it
     * in one Redis Cluster slot with the tenant's queues, which the atomic claim script touches together.
     */
    public static String agentLoad(String tenant) {
        return "parley:{" + tenant + "}:load";
    }

    /** Hash agentId -> epoch ms when the agent's load last dropped (idle time for the routing score). */
    public static String agentIdleSince(String tenant) {
        return "parley:{" + tenant + "}:idle";
    }

    /**
     * Sorted set of one lane of a group's queue: the group's waiting conversations that ask for exactly the skills
     * {@code lane} names (routing's {@code QueuedConversation.lane()}), score = VIP first, then queue time. Group
     * {@code *} is the tenant's whole team. One lane per skill set lets a conversation nobody can take wait without
     * holding back those behind it that others can take.
     */
    public static String queueLane(String tenant, String group, String lane) {
        return queueLanePrefix(tenant, group) + lane;
    }

    /** What every lane key of the group starts with (scripts build lane keys from the group's lane set). */
    public static String queueLanePrefix(String tenant, String group) {
        return queuePrefix(tenant) + group + ":";
    }

    /** What every lane key of the tenant starts with: {@code <prefix><group>:<lane>}. */
    public static String queuePrefix(String tenant) {
        return "parley:{" + tenant + "}:queue:";
    }

    /** Set of the lanes a group's queue has had (pruned by sweeps once empty). */
    public static String queueLanes(String tenant, String group) {
        return "parley:{" + tenant + "}:lanes:" + group;
    }

    /** Hash conversationId -> JSON of what a queued conversation asks for ({@code QueuedConversation}). */
    public static String queuedRequests(String tenant) {
        return "parley:{" + tenant + "}:queued";
    }

    /**
     * Marker set (with a TTL) when a router claims a queued conversation, until its assignment is surely in
     * PostgreSQL: a sweep that read the conversation as still queued must not put it back in the queue.
     */
    public static String claimed(String tenant, String conversationId) {
        return "parley:{" + tenant + "}:claimed:" + conversationId;
    }

    /** Set of the group names that have had a queue in this tenant, so sweeps find queues without KEYS. */
    public static String queueGroups(String tenant) {
        return "parley:{" + tenant + "}:queues";
    }

    /** Set of tenants that have a non-empty queue, so sweeps find every queue without scanning Redis. */
    public static final String TENANTS_WITH_QUEUES = "parley:queues:tenants";

    /**
     * Pub/sub channel: a gateway publishes a tenant id here when one of its agents becomes available (connects,
     * or comes back from away), so routing drains that tenant's queues at once instead of at the next sweep.
     */
    public static final String AGENT_AVAILABLE_CHANNEL = "parley:agents:available";

    /**
     * String: the id of the bot serving the tenant, written with a short TTL by every bot process that has a valid
     * bot for it. Routing hands a new conversation to the bot only while this key exists, so a tenant without a bot,
     * or whose bot service is down, goes straight to the team.
     */
    public static String botOnDuty(String tenant) {
        return "parley:bot:" + tenant;
    }

    /** Sorted set of a tenant's live visitors' device ids, score = when their page last reported (epoch ms). */
    public static String liveVisitors(String tenant) {
        return "parley:{" + tenant + "}:live";
    }

    /** A live visitor's latest page, visit and device (JSON, expires when they go quiet), written by gateways. */
    public static String liveVisitor(String tenant, String deviceId) {
        return "parley:{" + tenant + "}:live:" + deviceId;
    }

    /** An agent's invitation waiting for the device's next report (JSON, taken once, expires unseen). */
    public static String invitation(String tenant, String deviceId) {
        return "parley:{" + tenant + "}:invite:" + deviceId;
    }
}
