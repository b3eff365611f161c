package io.parley.gateway.session;

import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.conversation.ConversationDirectory;
import io.parley.gateway.conversation.ConversationView;
import io.parley.gateway.delivery.ChannelDispatcher;
import io.parley.gateway.delivery.ParticipantChannels;
import io.parley.gateway.presence.PresenceReporter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Opens and closes sessions. Opening subscribes to the participant's channel first and reads their conversations
 * after (a message sequenced in between is seen twice, never missed), then sends the welcome; an agent also becomes
 * available to routing, and gets one {@code conversation} frame per conversation after the welcome (handoff and
 * visitor included), so a reloaded console knows what it is looking at.
 */
@ApplicationScoped
public class SessionLifecycle {
    /** How long live messages of the welcome's conversations wait for a resume that does not come. */
    static final Duration RESUME_GRACE = Duration.ofSeconds(2);

    private final SessionRegistry sessions;
    private final ParticipantChannels channels;
    private final ChannelDispatcher dispatcher;
    private final ConversationDirectory conversations;
    private final PresenceReporter presence;
    private final Vertx vertx;
    private final GatewayConfig config;

    public SessionLifecycle(SessionRegistry sessions, ParticipantChannels channels, ChannelDispatcher dispatcher,
            ConversationDirectory conversations, PresenceReporter presence, Vertx vertx, GatewayConfig config) {
        this.sessions = sessions;
        this.channels = channels;
        this.dispatcher = dispatcher;
        this.conversations = conversations;
        this.presence = presence;
        this.vertx = vertx;
        this.config = config;
    }

    /** {@code supervisor}: an agent whose token also has role supervisor; {@code routing}: a visitor's hints. */
    public Uni<Void> open(Link link, String tenant, Participant me, boolean supervisor,
            RoutingHints routing) {
        Session session = new Session(link, tenant, me, supervisor, routing, Vertx.currentContext(),
                new SendRateLimiter(config.rateLimit().sendsPerSecond(), config.rateLimit().burst()),
                conversations::messagesAfter, dispatcher::deliver);
        sessions.add(session);
        boolean agent = me.kind() == Participant.Kind.AGENT;
        Uni<List<ConversationView>> mine = agent ? conversations.ofAgent(tenant, me.id())
                : conversations.ofVisitor(tenant, me.id());
        return channels.subscribe(SessionRegistry.channel(session))
                .chain(() -> agent ? presence.becameAvailable(tenant, me.id()) : Uni.createFrom().voidItem())
                .chain(() -> mine)
                .invoke(list -> welcome(session, list))
                .replaceWithVoid();
    }

    private void welcome(Session session, List<ConversationView> mine) {
        session.welcome(mine, config.heartbeatSec(), event -> dispatcher.handle(session, event));
        if (!mine.isEmpty()) {
            vertx.setTimer(RESUME_GRACE.toMillis(), t -> session.releaseHeld(Set.of()));
        }
        if (session.isAgent()) {
            mine.forEach(c -> session.write(c.frameForAgent()));
        }
    }

    public void close(Link link) {
        Session session = sessions.remove(link.id());
        if (session == null) {
            return;
        }
        if (session.isAgent()) {
            // The agent's last device here may be gone: stop counting them online now, not one TTL later.
            presence.deviceGone(session.tenant(), session.me().id());
        }
        String channel = SessionRegistry.channel(session);
        if (!sessions.hasListeners(channel)) {
            channels.release(channel);
        }
    }
}
