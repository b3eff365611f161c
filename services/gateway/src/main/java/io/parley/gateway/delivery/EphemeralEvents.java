package io.parley.gateway.delivery;

import io.parley.common.RedisKeys;
import io.parley.common.event.ChannelEvent;
import io.parley.common.json.Json;
import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.session.ConversationAccess;
import io.parley.gateway.session.Session;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Typing and read receipts: published straight to the conversation's visitor and assignee channels, never stored
 * (they pass neither Kafka nor PostgreSQL). Only for a conversation the sender may use.
 */
@ApplicationScoped
public class EphemeralEvents {
    private final ConversationAccess access;
    private final ReactivePubSubCommands<String> pubsub;

    public EphemeralEvents(ConversationAccess access, ReactiveRedisDataSource redis) {
        this.access = access;
        this.pubsub = redis.pubsub(String.class);
    }

    public void typing(Session session, String conversationId, boolean on) {
        publish(session, conversationId, ChannelEvent.of(new ServerFrame.Typing(conversationId, session.me(),
                on ? "on" : "off")));
    }

    public void read(Session session, String conversationId, long seq) {
        publish(session, conversationId, ChannelEvent.of(new ServerFrame.Read(conversationId, session.me(), seq)));
    }

    private void publish(Session session, String conversationId, ChannelEvent event) {
        access.find(session, conversationId).subscribe().with(view -> {
            if (view == null) {
                session.write(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no such conversation", null));
                return;
            }
            String payload = Json.write(event);
            List<Uni<Void>> publishes = new ArrayList<>();
            publishes.add(pubsub.publish(
                    RedisKeys.participantChannel(session.tenant(), Participant.Kind.VISITOR, view.visitorId()), payload));
            if (view.assigneeId() != null) {
                publishes.add(pubsub.publish(
                        RedisKeys.participantChannel(session.tenant(), Participant.Kind.AGENT, view.assigneeId()),
                        payload));
            }
            Uni.join().all(publishes).andCollectFailures().subscribe().with(x -> {
            }, e -> Log.debugf("ephemeral publish failed: %s", e.getMessage()));
        }, failure -> session.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "storage unavailable", null)));
    }
}
