package io.parley.gateway.session;

import io.parley.common.event.ChannelEvent;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.SequencedMessage;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.conversation.ConversationView;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One client connection's state (a socket, or a fallback stream: {@link Link}): who it speaks for, which conversations it may use, what it has been delivered (a
 * {@link DeliveryCursor} per conversation), the replies it waits for, and which conversation a send without
 * {@code conversationId} goes to. Frames are written on the socket's own context, in call order.
 */
public final class Session {
    private final Link link;
    private final String tenant;
    private final Participant me;
    private final boolean supervisor;
    private final RoutingHints routing;
    private final Context context;
    private final DeliveryCursor.Source history;
    /** Where a cursor releases this socket's messages, in seq order. */
    private final BiConsumer<Session, SequencedMessage> deliver;

    private final Map<String, DeliveryCursor> cursors = new ConcurrentHashMap<>();
    /** Conversations this socket may use (checked once, then remembered). */
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final PendingReplies pending = new PendingReplies();
    private final SendRateLimiter rateLimiter;
    /** Conversation id -> time of the queue place last shown to this socket. */
    private final Map<String, Long> placeShownAt = new ConcurrentHashMap<>();

    /** An agent device set to away no longer counts as online. */
    private volatile boolean away;
    private volatile long lastPong = System.currentTimeMillis();
    private final VisitorConversations visitorConversations = new VisitorConversations();

    private boolean welcomed;
    private final List<ChannelEvent> early = new ArrayList<>();
    /** Set by the welcome while its conversations' cursors wait for the client's resume. */
    private volatile boolean heldUntilResume;

    Session(Link link, String tenant, Participant me, boolean supervisor, RoutingHints routing,
            Context context, SendRateLimiter rateLimiter, DeliveryCursor.Source history,
            BiConsumer<Session, SequencedMessage> deliver) {
        this.link = link;
        this.tenant = tenant;
        this.me = me;
        this.supervisor = supervisor;
        this.routing = routing;
        this.context = context;
        this.rateLimiter = rateLimiter;
        this.history = history;
        this.deliver = deliver;
    }

    public String id() {
        return link.id();
    }

    public Link link() {
        return link;
    }

    public String tenant() {
        return tenant;
    }

    public Participant me() {
        return me;
    }

    public boolean isAgent() {
        return me.kind() == Participant.Kind.AGENT;
    }

    /** The agent's token has role supervisor (may reassign, act on any conversation). */
    public boolean supervisor() {
        return supervisor;
    }

    /** A visitor's routing hints, sent with the sends that open their conversation. */
    public RoutingHints routing() {
        return routing;
    }

    public PendingReplies pending() {
        return pending;
    }

    public boolean takeToken() {
        return rateLimiter.take();
    }

    public boolean away() {
        return away;
    }

    public void away(boolean value) {
        away = value;
    }

    public long lastPong() {
        return lastPong;
    }

    public void pong() {
        lastPong = System.currentTimeMillis();
    }

    public VisitorConversations visitorConversations() {
        return visitorConversations;
    }

    /** Runs a task on this session's context, after the tasks queued before it (frames of a fallback POST). */
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Frames are written on the socket's own context, in call order (a FIFO task queue). */
    public void write(ServerFrame frame) {
        String json = Json.write(frame);
        context.runOnContext(v -> link.send(json).subscribe().with(x -> {
        }, e -> Log.debugf("write to %s failed: %s", link.id(), e.getMessage())));
    }

    public boolean mayUseKnown(String conversationId) {
        return allowed.contains(conversationId);
    }

    public void allow(String conversationId) {
        allowed.add(conversationId);
    }

    /** The cursor of a conversation, created at {@code lastSeq} if this socket had none. */
    public DeliveryCursor cursor(String conversationId, long lastSeq) {
        return cursors.computeIfAbsent(conversationId,
                id -> new DeliveryCursor(id, lastSeq, history, message -> deliver.accept(this, message)));
    }

    public boolean hasCursor(String conversationId) {
        return cursors.containsKey(conversationId);
    }

    /** After a Redis outage: anything published meanwhile is in PostgreSQL; every cursor re-reads past itself. */
    public void catchUp() {
        cursors.values().forEach(cursor -> cursor.resumeFrom(cursor.lastSeq()));
    }

    /**
     * Queue places are announced by every router that drains the queue, so two announcements can cross in
     * flight; one older than the place already shown is stale and not passed on.
     */
    public boolean overtakenPlace(ConversationChanged c) {
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

    /**
     * The first frame: the participant and their conversations. Live messages of these conversations wait for the
     * client's resume (or any other frame, or {@code graceMillis}), so none overtakes the replay of what a
     * reconnecting client missed. Events that arrived before it are handed to {@code handle} after it.
     */
    public synchronized void welcome(List<ConversationView> mine, int heartbeatSec, Consumer<ChannelEvent> handle) {
        for (ConversationView c : mine) {
            allowed.add(c.id());
            cursor(c.id(), c.lastSeq());
        }
        if (me.kind() == Participant.Kind.VISITOR) {
            visitorConversations.known(mine);
        }
        if (!mine.isEmpty()) {
            cursors.values().forEach(DeliveryCursor::hold);
            heldUntilResume = true;
        }
        write(new ServerFrame.Welcome(me, mine.stream()
                .map(c -> new ServerFrame.ConversationSummary(c.id(), c.lastSeq(), c.status())).toList(),
                heartbeatSec));
        welcomed = true;
        early.forEach(handle);
        early.clear();
    }

    /** True when the event must wait for the welcome (it is kept and handled right after it). */
    public synchronized boolean beforeWelcome(ChannelEvent event) {
        if (!welcomed) {
            early.add(event);
            return true;
        }
        return false;
    }

    /** Lets held conversations' live messages flow, except those named in {@code resumed}. */
    public void releaseHeld(Set<String> resumed) {
        if (heldUntilResume) {
            heldUntilResume = false;
            cursors.forEach((id, cursor) -> {
                if (!resumed.contains(id)) {
                    cursor.release();
                }
            });
        }
    }

    /**
     * Which conversation a visitor's send without {@code conversationId} goes to: the open one, or the one it
     * opens. The id a visitor's next conversation gets is derived from their newest conversation so far (see
     * {@code Ids.nextConversationId}), so every socket of the visitor, on any gateway, picks the same one.
     */
    public static final class VisitorConversations {
        private String open;
        private String newest;
        private long newestCreatedAt = Long.MIN_VALUE;
        /** A conversation this socket opened whose {@code conversation} frame has not come yet. */
        private String opening;

        synchronized void known(List<ConversationView> mine) {
            mine.stream().max(Comparator.comparingLong(ConversationView::createdAtMillis)).ifPresent(c -> {
                newest = c.id();
                newestCreatedAt = c.createdAtMillis();
            });
            // the most recently active conversation not closed (the list comes newest activity first)
            mine.stream().filter(c -> c.status() != ConversationStatus.CLOSED).findFirst()
                    .ifPresent(c -> open = c.id());
        }

        /** The open conversation, or null. */
        public synchronized String open() {
            return open;
        }

        /** The newest conversation this socket knows of (open or closed), or null for a visitor without any. */
        public synchronized String newest() {
            return newest;
        }

        /** This socket is opening {@code id}: further sends go there, opening it too until it is confirmed. */
        public synchronized void opening(String id) {
            open = id;
            newest = id;
            newestCreatedAt = Long.MAX_VALUE; // until routing says when it was created, nothing is newer
            opening = id;
        }

        /** Whether sends to {@code id} still have to open it (it may not exist yet). */
        public synchronized boolean isOpening(String id) {
            return id.equals(opening);
        }

        /**
         * A conversation of the visitor changed. Routing announces every new one to all the visitor's sockets with
         * its creation time, so they agree on the newest.
         */
        public synchronized void changed(ConversationChanged c) {
            String id = c.conversationId();
            if (id.equals(opening)) {
                opening = null;
            }
            if (id.equals(newest) && c.createdAt() > 0) {
                newestCreatedAt = c.createdAt();
            } else if (c.createdAt() > newestCreatedAt) {
                newest = id;
                newestCreatedAt = c.createdAt();
            }
            if (c.status() != ConversationStatus.CLOSED) {
                open = id;
            } else if (id.equals(open)) {
                open = null;
            }
        }

        /** A message of {@code id} was stored: it exists now. */
        public synchronized void stored(String id) {
            if (id.equals(opening)) {
                opening = null;
            }
        }
    }
}
