package io.parley.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.common.Ids;
import io.parley.common.RedisKeys;
import io.parley.common.event.ChannelEvent;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationCommand;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.TicketChanged;
import io.parley.common.event.InboundMessage;
import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import io.parley.common.wire.ClientFrame;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.domain.ConversationView;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's live state: which sockets it holds, for which participants, and what each socket has been
 * delivered. Subscribes to a participant's Redis channel while it holds at least one of their sockets, turns
 * channel events into frames (through each socket's {@link DeliveryCursor}s, so order is exact), and turns
 * client frames into Kafka sends.
 */
@ApplicationScoped
public class SessionHub {
    private final ReactiveRedisDataSource redis;
    private final ReactivePubSubCommands<String> pubsub;
    private final ConversationDirectory conversations;
    private final InboundPublisher inbound;
    private final ParticipantChannels channels;
    /** How long live messages of the welcome's conversations wait for a resume that does not come. */
    static final Duration RESUME_GRACE = Duration.ofSeconds(2);
    private final Vertx vertx;
    private final String gatewayId = "gw-" + Ids.uuidV7().substring(24);
    private final int heartbeatSec;
    private final Duration ackTimeout;
    private final double sendsPerSecond;
    private final int sendBurst;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> byChannel = new ConcurrentHashMap<>();

    private final Counter received;
    private final Counter delivered;
    private final Timer visitorToAgent;

    public SessionHub(ReactiveRedisDataSource redis, ConversationDirectory conversations, InboundPublisher inbound,
            ParticipantChannels channels, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "parley.heartbeat-sec", defaultValue = "30") int heartbeatSec,
            @ConfigProperty(name = "parley.ack-timeout", defaultValue = "PT10S") Duration ackTimeout,
            @ConfigProperty(name = "parley.rate-limit.sends-per-second", defaultValue = "20") double sendsPerSecond,
            @ConfigProperty(name = "parley.rate-limit.burst", defaultValue = "40") int sendBurst) {
        this.redis = redis;
        this.pubsub = redis.pubsub(String.class);
        this.conversations = conversations;
        this.inbound = inbound;
        this.channels = channels;
        channels.listen(this::dispatch, this::catchUpAll);
        this.vertx = vertx;
        this.heartbeatSec = heartbeatSec;
        this.ackTimeout = ackTimeout;
        this.sendsPerSecond = sendsPerSecond;
        this.sendBurst = sendBurst;
        this.received = registry.counter("parley_messages_received_total");
        this.delivered = registry.counter("parley_messages_delivered_total");
        this.visitorToAgent = Timer.builder("parley_delivery_latency_seconds")
                .description("visitor send read by a gateway -> delivered to an agent socket")
                .tag("direction", "visitor_to_agent").publishPercentileHistogram().register(registry);
    }

    public int heartbeatSec() {
        return heartbeatSec;
    }

    public String gatewayId() {
        return gatewayId;
    }

    // ------------------------------------------------------------------ socket lifecycle

    public Uni<Void> open(WebSocketConnection connection, String tenant, Participant me) {
        return open(connection, tenant, me, false);
    }

    /** {@code supervisor}: the agent's token also has role supervisor (may reassign, act on any conversation). */
    public Uni<Void> open(WebSocketConnection connection, String tenant, Participant me, boolean supervisor) {
        return open(connection, tenant, me, supervisor, RoutingHints.NONE);
    }

    /** {@code routing}: a visitor's routing hints, sent with the send that opens their conversation. */
    public Uni<Void> open(WebSocketConnection connection, String tenant, Participant me, boolean supervisor,
            RoutingHints routing) {
        Session session = new Session(connection, tenant, me, supervisor, routing, Vertx.currentContext());
        sessions.put(connection.id(), session);
        String channel = RedisKeys.participantChannel(tenant, me.kind(), me.id());
        byChannel.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(session);
        Uni<List<ConversationView>> mine = me.kind() == Participant.Kind.AGENT
                ? conversations.ofAgent(tenant, me.id())
                : conversations.ofVisitor(tenant, me.id());
        // Subscribe first, then read state: a message sequenced in between is seen twice, never missed.
        return subscribe(channel)
                .chain(() -> me.kind() == Participant.Kind.AGENT ? becameAvailable(tenant, me.id())
                        : Uni.createFrom().voidItem())
                .chain(() -> mine)
                .invoke(list -> session.welcome(list))
                .replaceWithVoid();
    }

    public void close(WebSocketConnection connection) {
        Session session = sessions.remove(connection.id());
        if (session == null) {
            return;
        }
        if (session.me.kind() == Participant.Kind.AGENT) {
            // The agent's last device here is gone: stop counting them online now, not one TTL later.
            markPresence(session.tenant, session.me.id()).subscribe().with(x -> {
            }, e -> Log.debugf("presence update failed: %s", e.getMessage()));
        }
        String channel = RedisKeys.participantChannel(session.tenant, session.me.kind(), session.me.id());
        Set<Session> holders = byChannel.get(channel);
        if (holders != null) {
            holders.remove(session);
            if (holders.isEmpty()) {
                byChannel.remove(channel, holders);
                if (!restListeners.containsKey(channel)) {
                    channels.unsubscribe(channel);
                }
            }
        }
    }

    // ------------------------------------------------------------------ actions over REST

    /** Results awaited by REST calls, by ref. */
    private final Map<String, java.util.function.Consumer<CommandResult>> restWaiters = new ConcurrentHashMap<>();
    /** Channels subscribed for REST calls, with how many calls wait on each. */
    private final Map<String, Integer> restListeners = new ConcurrentHashMap<>();

    /**
     * Applies an action for a REST caller: listens on the actor's channel, publishes the command, and completes
     * with routing's result, or fails with {@link java.util.concurrent.TimeoutException} after the ack timeout.
     */
    public Uni<CommandResult> act(ConversationCommand command) {
        String channel = RedisKeys.participantChannel(command.tenant(), command.actor().kind(), command.actor().id());
        restListeners.merge(channel, 1, Integer::sum);
        Uni<CommandResult> result = Uni.createFrom().emitter(emitter -> {
            restWaiters.put(command.ref(), emitter::complete);
            emitter.onTermination(() -> restWaiters.remove(command.ref()));
        });
        return channels.subscribe(channel)
                .chain(() -> inbound.publish(command))
                .chain(() -> result.ifNoItem().after(ackTimeout).fail())
                .eventually(() -> {
                    restWaiters.remove(command.ref());
                    if (restListeners.merge(channel, -1, (a, b) -> a + b <= 0 ? null : a + b) == null
                            && !byChannel.containsKey(channel)) {
                        channels.unsubscribe(channel);
                    }
                });
    }

    public void pong(WebSocketConnection connection) {
        Session session = sessions.get(connection.id());
        if (session != null) {
            session.lastPong = System.currentTimeMillis();
        }
    }

    private Uni<Void> subscribe(String channel) {
        return channels.subscribe(channel);
    }

    /** After a Redis outage: anything published meanwhile is in PostgreSQL; every cursor re-reads past itself. */
    private void catchUpAll() {
        for (Session session : sessions.values()) {
            session.cursors.values().forEach(cursor -> cursor.resumeFrom(cursor.lastSeq()));
        }
    }

    private void dispatch(String channel, String payload) {
        ChannelEvent event;
        try {
            event = Json.read(payload, ChannelEvent.class);
        } catch (IllegalArgumentException e) {
            Log.errorf("unreadable event on %s: %s", channel, e.getMessage());
            return;
        }
        if (event.result() != null) {
            var waiter = restWaiters.remove(event.result().ref());
            if (waiter != null) {
                waiter.accept(event.result());
                return;
            }
        }
        for (Session session : byChannel.getOrDefault(channel, Set.of())) {
            session.handle(event);
        }
    }

    // ------------------------------------------------------------------ client frames

    public void onFrame(WebSocketConnection connection, ClientFrame frame) {
        Session session = sessions.get(connection.id());
        if (session == null) {
            return;
        }
        if (!(frame instanceof ClientFrame.Resume)) {
            session.releaseHeld(Set.of()); // a client that acts without resuming will not resume
        }
        switch (frame) {
            case ClientFrame.Send send -> session.send(send);
            case ClientFrame.Resume resume -> session.resume(resume);
            case ClientFrame.Typing typing -> session.ephemeral(typing.conversationId(),
                    ChannelEvent.of(new ServerFrame.Typing(typing.conversationId(), session.me,
                            typing.on() ? "on" : "off")));
            case ClientFrame.Read read -> session.ephemeral(read.conversationId(),
                    ChannelEvent.of(new ServerFrame.Read(read.conversationId(), session.me, read.seq())));
            case ClientFrame.Ping ping -> session.write(new ServerFrame.Pong(ping.t()));
            case ClientFrame.Action action -> session.action(action);
            case ClientFrame.Presence presence -> presence(session, presence.away());
        }
    }

    public void reject(WebSocketConnection connection, ServerFrame.Error error) {
        Session session = sessions.get(connection.id());
        if (session != null) {
            session.write(error);
        }
    }

    // ------------------------------------------------------------------ timers

    /**
     * Every {@code parley.presence.heartbeat}, each agent with at least one connected device not set away here
     * is marked online. Routing counts an agent online while the newest mark is fresher than its presence TTL,
     * so a device that stops (closed laptop, crashed gateway) stops counting without anyone saying so.
     */
    @Scheduled(every = "${parley.presence.heartbeat:5s}")
    Uni<Void> presenceHeartbeat() {
        var agents = sessions.values().stream().filter(s -> s.me.kind() == Participant.Kind.AGENT && !s.away)
                .map(s -> s.tenant + "\0" + s.me.id()).distinct()
                .map(key -> heartbeat(key.substring(0, key.indexOf('\0')), key.substring(key.indexOf('\0') + 1)))
                .toList();
        return agents.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(agents).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * A ticket of {@code event.tenant()} changed: every agent socket of that tenant on this gateway hears of it, so
     * ticket lists stay current without polling. Agents of other tenants and visitors never do.
     */
    public void ticketChanged(TicketChanged event) {
        ServerFrame.Ticket frame = new ServerFrame.Ticket(event.ticketId(), event.kind(), event.conversationId(),
                event.status(), event.priority(), event.assigneeId(), event.groupId(), event.tags(), event.actorId(),
                event.ts());
        for (Session session : sessions.values()) {
            if (session.me.kind() == Participant.Kind.AGENT && session.tenant.equals(event.tenant())) {
                session.write(frame);
            }
        }
    }

    private Uni<Void> heartbeat(String tenant, String agentId) {
        return redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), System.currentTimeMillis(), agentId)
                .replaceWithVoid();
    }

    /** A device went away or came back: takes effect at once, not at the next heartbeat. */
    private void presence(Session session, boolean away) {
        if (session.me.kind() != Participant.Kind.AGENT) {
            session.write(new ServerFrame.Error(ErrorCode.FORBIDDEN, "only agents have presence", null));
            return;
        }
        session.away = away;
        markPresence(session.tenant, session.me.id()).subscribe().with(x -> {
        }, e -> Log.debugf("presence update failed: %s", e.getMessage()));
    }

    /**
     * Online now if any local device of the agent is available; otherwise marked stale at once (another gateway
     * holding an available device of theirs marks them online again within one heartbeat).
     */
    private Uni<Void> markPresence(String tenant, String agentId) {
        boolean available = sessions.values().stream().anyMatch(s -> s.me.kind() == Participant.Kind.AGENT
                && !s.away && s.tenant.equals(tenant) && s.me.id().equals(agentId));
        return available ? becameAvailable(tenant, agentId)
                : redis.sortedSet(String.class).zadd(RedisKeys.onlineAgents(tenant), 0, agentId).replaceWithVoid();
    }

    /** Marks the agent online and tells routing, which hands them waiting conversations now, not at its next sweep. */
    private Uni<Void> becameAvailable(String tenant, String agentId) {
        return heartbeat(tenant, agentId).chain(() -> pubsub.publish(RedisKeys.AGENT_AVAILABLE_CHANNEL, tenant));
    }

    /** Two heartbeat intervals without a pong: the peer is gone (closed laptop, dead network). */
    @Scheduled(every = "1s")
    void closeSilentSockets() {
        long deadline = System.currentTimeMillis() - 2L * heartbeatSec * 1000;
        for (Session session : sessions.values()) {
            if (session.lastPong < deadline) {
                Log.debugf("closing silent socket %s", session.connection.id());
                session.connection.close(new CloseReason(1001, "no pong within two heartbeats")).subscribe()
                        .with(x -> {
                        }, e -> {
                        });
            }
        }
    }

    // ------------------------------------------------------------------ one socket

    final class Session {
        final WebSocketConnection connection;
        final String tenant;
        final Participant me;
        final boolean supervisor;
        final RoutingHints routing;
        /** An agent device set to away no longer counts as online. */
        volatile boolean away;
        final Context context;
        final Map<String, DeliveryCursor> cursors = new ConcurrentHashMap<>();
        /** Conversations this socket may use (checked once, then remembered). */
        final Set<String> allowed = ConcurrentHashMap.newKeySet();
        /** conversationId + '\0' + clientMsgId of sends waiting for their sequenced message. */
        final Map<String, Long> pendingAcks = new ConcurrentHashMap<>();
        /** refs of actions waiting for routing's result. */
        final Set<String> pendingActions = ConcurrentHashMap.newKeySet();
        volatile long lastPong = System.currentTimeMillis();
        volatile String openConversation;
        private boolean welcomed;
        private final List<ChannelEvent> early = new ArrayList<>();
        /** Set by the welcome while its conversations' cursors wait for the client's resume. */
        private volatile boolean heldUntilResume;
        /** Conversation id -> time of the queue place last shown to this socket. */
        private final Map<String, Long> placeShownAt = new ConcurrentHashMap<>();
        private double tokens;
        private long tokensAt = System.nanoTime();

        Session(WebSocketConnection connection, String tenant, Participant me, boolean supervisor,
                RoutingHints routing, Context context) {
            this.connection = connection;
            this.tenant = tenant;
            this.me = me;
            this.supervisor = supervisor;
            this.routing = routing;
            this.context = context != null ? context : vertx.getOrCreateContext();
            this.tokens = sendBurst;
        }

        /** Frames are written on the socket's own context, in call order (a FIFO task queue). */
        void write(ServerFrame frame) {
            String json = Json.write(frame);
            context.runOnContext(v -> connection.sendText(json).subscribe().with(x -> {
            }, e -> Log.debugf("write to %s failed: %s", connection.id(), e.getMessage())));
        }

        /**
         * Queue places are announced by every router that drains the queue, so two announcements can cross in
         * flight; one older than the place already shown is stale and not passed on.
         */
        private boolean overtakenPlace(ConversationChanged c) {
            if (c.status() != ConversationStatus.QUEUED || c.position() == null) {
                return false;
            }
            Long shown = placeShownAt.get(c.conversationId());
            if (shown != null && shown > c.ts()) {
                return true;
            }
            placeShownAt.put(c.conversationId(), c.ts());
            return false;
        }

        /** Lets held conversations' live messages flow, except those named in {@code resumed}. */
        void releaseHeld(Set<String> resumed) {
            if (heldUntilResume) {
                heldUntilResume = false;
                cursors.forEach((id, cursor) -> {
                    if (!resumed.contains(id)) {
                        cursor.release();
                    }
                });
            }
        }

        synchronized void welcome(List<ConversationView> mine) {
            for (ConversationView c : mine) {
                allowed.add(c.id());
                cursor(c.id(), c.lastSeq());
                if (openConversation == null && c.status() != ConversationStatus.CLOSED) {
                    openConversation = c.id();
                }
            }
            if (!mine.isEmpty()) {
                // Live messages of these conversations wait for the client's resume (or any other frame, or
                // RESUME_GRACE), so none overtakes the replay of what a reconnecting client missed.
                cursors.values().forEach(DeliveryCursor::hold);
                heldUntilResume = true;
                vertx.setTimer(RESUME_GRACE.toMillis(), t -> releaseHeld(Set.of()));
            }
            write(new ServerFrame.Welcome(me, mine.stream()
                    .map(c -> new ServerFrame.ConversationSummary(c.id(), c.lastSeq(), c.status())).toList(),
                    heartbeatSec));
            welcomed = true;
            early.forEach(this::handle);
            early.clear();
        }

        private DeliveryCursor cursor(String conversationId, long lastSeq) {
            return cursors.computeIfAbsent(conversationId, id -> new DeliveryCursor(id, lastSeq,
                    (conv, after) -> conversations.messagesAfter(conv, after, DeliveryCursor.pageSize()),
                    this::deliver));
        }

        void handle(ChannelEvent event) {
            synchronized (this) {
                if (!welcomed) {
                    early.add(event);
                    return;
                }
            }
            if (event.message() != null) {
                SequencedMessage m = event.message();
                allowed.add(m.conversationId());
                DeliveryCursor cursor = cursor(m.conversationId(), 0);
                // A retried send whose seq this socket already has still deserves its ack.
                if (m.seq() <= cursor.lastSeq() && pendingAcks.remove(ackKey(m.conversationId(), m.clientMsgId())) != null
                        && isMine(m)) {
                    write(ServerFrame.Ack.of(m));
                    return;
                }
                cursor.offer(m);
            } else if (event.conversation() != null) {
                ConversationChanged c = event.conversation();
                allowed.add(c.conversationId());
                if (me.kind() == Participant.Kind.VISITOR && c.status() != ConversationStatus.CLOSED) {
                    openConversation = c.conversationId();
                }
                boolean isNew = !cursors.containsKey(c.conversationId());
                DeliveryCursor cursor = cursor(c.conversationId(), 0);
                if (!overtakenPlace(c)) {
                    // The bot's handoff summary is for the team: visitors never see it.
                    write(me.kind() == Participant.Kind.AGENT ? ServerFrame.Conversation.forAgent(c)
                            : ServerFrame.Conversation.forVisitor(c));
                }
                if (isNew && c.lastSeq() > 0) {
                    cursor.resumeFrom(0); // newly assigned: bring the whole thread
                }
            } else if (event.rejected() != null) {
                SendRejected r = event.rejected();
                if (pendingAcks.remove(ackKey(r.conversationId(), r.clientMsgId())) != null) {
                    write(new ServerFrame.Error(r.code(), r.reason(), r.clientMsgId()));
                }
            } else if (event.result() != null) {
                CommandResult r = event.result();
                if (pendingActions.remove(r.ref())) {
                    write(r.applied() ? new ServerFrame.Done(r.ref(), r.conversationId(), r.status(), r.assignee())
                            : new ServerFrame.Error(r.code(), r.message(), r.ref()));
                }
            } else if (event.alert() != null) {
                if (me.kind() == Participant.Kind.AGENT) { // only agents' channels carry them; never to a visitor
                    write(event.alert());
                }
            } else if (event.typing() != null) {
                write(event.typing());
            } else if (event.read() != null) {
                write(event.read());
            }
        }

        private boolean isMine(SequencedMessage m) {
            return m.sender().kind() == me.kind() && m.sender().id().equals(me.id());
        }

        /** Called by a cursor, in seq order. */
        private void deliver(SequencedMessage m) {
            if (isMine(m) && pendingAcks.remove(ackKey(m.conversationId(), m.clientMsgId())) != null) {
                write(ServerFrame.Ack.of(m));
                return;
            }
            write(ServerFrame.Message.of(m));
            delivered.increment();
            if (me.kind() == Participant.Kind.AGENT && m.sender().kind() == Participant.Kind.VISITOR) {
                visitorToAgent.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - m.receivedAt())));
            }
        }

        void send(ClientFrame.Send send) {
            if (!takeToken()) {
                write(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "too many messages; slow down",
                        send.clientMsgId()));
                return;
            }
            received.increment();
            String conversationId = send.conversationId();
            boolean opens = false;
            if (conversationId == null) {
                if (me.kind() != Participant.Kind.VISITOR) {
                    write(new ServerFrame.Error(ErrorCode.BAD_FRAME, "agents must name 'conversationId'",
                            send.clientMsgId()));
                    return;
                }
                conversationId = openConversation;
                if (conversationId == null) {
                    conversationId = Ids.firstConversationId(tenant, me.id(), send.clientMsgId());
                    opens = true;
                }
            }
            String conv = conversationId;
            boolean newConversation = opens;
            Uni<Boolean> permitted = newConversation ? Uni.createFrom().item(true) : mayUse(conv);
            permitted.subscribe().with(ok -> {
                if (!ok) {
                    write(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no such conversation", send.clientMsgId()));
                    return;
                }
                String key = ackKey(conv, send.clientMsgId());
                pendingAcks.put(key, System.currentTimeMillis());
                vertx.setTimer(ackTimeout.toMillis(), t -> {
                    if (pendingAcks.remove(key) != null) {
                        write(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                                "message not confirmed in time; resend with the same clientMsgId",
                                send.clientMsgId()));
                    }
                });
                inbound.publish(new InboundMessage(tenant, conv, newConversation, me, send.clientMsgId(),
                        send.text(), gatewayId, System.currentTimeMillis(), newConversation ? routing : null))
                        .subscribe().with(x -> {
                        }, failure -> {
                            if (pendingAcks.remove(key) != null) {
                                write(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                                        "message could not be stored; resend with the same clientMsgId",
                                        send.clientMsgId()));
                            }
                        });
            }, failure -> write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "storage unavailable",
                    send.clientMsgId())));
        }

        void action(ClientFrame.Action action) {
            if (me.kind() != Participant.Kind.AGENT) {
                write(new ServerFrame.Error(ErrorCode.FORBIDDEN, "only agents can act on conversations",
                        action.ref()));
                return;
            }
            if (!takeToken()) {
                write(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "too many requests; slow down", action.ref()));
                return;
            }
            // The tenant check is routing's (it refuses another tenant's conversation as not_found).
            pendingActions.add(action.ref());
            vertx.setTimer(ackTimeout.toMillis(), t -> {
                if (pendingActions.remove(action.ref())) {
                    write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "action not confirmed in time; check the "
                            + "conversation's state before retrying", action.ref()));
                }
            });
            inbound.publish(new ConversationCommand(tenant, action.conversationId(), me, supervisor, action.action(),
                    action.toAgent(), action.toGroup(), action.note(), action.ref(), gatewayId,
                    System.currentTimeMillis()))
                    .subscribe().with(x -> {
                    }, failure -> {
                        if (pendingActions.remove(action.ref())) {
                            write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "action could not be recorded; retry",
                                    action.ref()));
                        }
                    });
        }

        void resume(ClientFrame.Resume resume) {
            releaseHeld(resume.conversations().keySet()); // those it did not name, it has nothing of
            resume.conversations().forEach((conv, lastSeq) -> mayUse(conv).subscribe().with(ok -> {
                if (ok) {
                    cursor(conv, lastSeq).resumeFrom(lastSeq);
                } else {
                    write(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no such conversation: " + conv, null));
                }
            }, failure -> write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "storage unavailable", null))));
        }

        void ephemeral(String conversationId, ChannelEvent event) {
            conversations.find(conversationId).subscribe().with(view -> {
                if (view == null || !permits(view)) {
                    write(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no such conversation", null));
                    return;
                }
                String payload = Json.write(event);
                var publishes = new ArrayList<Uni<Void>>();
                publishes.add(pubsub.publish(
                        RedisKeys.participantChannel(tenant, Participant.Kind.VISITOR, view.visitorId()), payload));
                if (view.assigneeId() != null) {
                    publishes.add(pubsub.publish(
                            RedisKeys.participantChannel(tenant, Participant.Kind.AGENT, view.assigneeId()), payload));
                }
                Uni.join().all(publishes).andCollectFailures().subscribe().with(x -> {
                }, e -> Log.debugf("ephemeral publish failed: %s", e.getMessage()));
            }, failure -> write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "storage unavailable", null)));
        }

        /** Visitors: their own conversations. Agents: any conversation of their tenant (routing checks more). */
        private Uni<Boolean> mayUse(String conversationId) {
            if (allowed.contains(conversationId)) {
                return Uni.createFrom().item(true);
            }
            return conversations.find(conversationId).map(view -> {
                boolean ok = view != null && permits(view);
                if (ok) {
                    allowed.add(conversationId);
                }
                return ok;
            });
        }

        private boolean permits(ConversationView view) {
            if (!view.tenant().equals(tenant)) {
                return false;
            }
            return me.kind() != Participant.Kind.VISITOR || view.visitorId().equals(me.id());
        }

        private synchronized boolean takeToken() {
            long now = System.nanoTime();
            tokens = Math.min(sendBurst, tokens + (now - tokensAt) / 1e9 * sendsPerSecond);
            tokensAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private static String ackKey(String conversationId, String clientMsgId) {
        return conversationId + '\u0000' + clientMsgId;
    }
}
