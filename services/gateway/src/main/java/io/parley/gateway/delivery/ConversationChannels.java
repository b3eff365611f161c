package io.parley.gateway.delivery;

import io.parley.common.RedisKeys;
import io.parley.common.event.ChannelEvent;
import io.parley.common.json.Json;
import io.parley.common.model.Participant;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes an event the gateway itself raises (typing, read receipts, a visitor's rating) to a conversation's
 * visitor channel and, when it has one, its assignee's; every gateway holding their sockets delivers it. Best effort:
 * nothing of it is stored, a failed publish is logged.
 */
@ApplicationScoped
public class ConversationChannels {
    private final ReactivePubSubCommands<String> pubsub;

    public ConversationChannels(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    public void publish(String tenant, String visitorId, String assigneeId, ChannelEvent event) {
        String payload = Json.write(event);
        Uni<Void> visitor = pubsub.publish(RedisKeys.participantChannel(tenant, Participant.Kind.VISITOR, visitorId),
                payload);
        Uni<Void> agent = assigneeId == null ? Uni.createFrom().voidItem()
                : pubsub.publish(RedisKeys.participantChannel(tenant, Participant.Kind.AGENT, assigneeId), payload);
        Uni.join().all(visitor, agent).andCollectFailures().subscribe().with(x -> {
        }, e -> Log.debugf("publish to conversation channels failed: %s", e.getMessage()));
    }
}
