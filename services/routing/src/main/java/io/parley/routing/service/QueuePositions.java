package io.parley.routing.service;

import io.parley.common.event.ConversationChanged;
import io.parley.common.model.ConversationStatus;
import io.parley.routing.config.RoutingConfig;
import io.parley.routing.domain.QueueRef;
import io.parley.routing.domain.QueuedConversation;
import io.parley.routing.domain.Team;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What waiting visitors are told: their place in their group's line (all its lanes merged, VIPs first, then first
 * in; 1 = next) and an estimated wait, {@code ceil(position × parley.queue.avg-handle-sec / max(1, online capacity
 * of the group))}. Remembers what it announced, so a visitor hears again only when either changes.
 */
@ApplicationScoped
public class QueuePositions {
    private final QueueStore queues;
    private final AgentCapacity agents;
    private final TeamDirectory teams;
    private final Redis redis;
    private final int avgHandleSec;
    /** What this process last told each queue's visitors: conversation id -> "position/eta". */
    private final Map<QueueRef, Map<String, String>> announced = new ConcurrentHashMap<>();

    public QueuePositions(QueueStore queues, AgentCapacity agents, TeamDirectory teams, Redis redis,
            RoutingConfig config) {
        this.queues = queues;
        this.agents = agents;
        this.teams = teams;
        this.redis = redis;
        this.avgHandleSec = config.queue().avgHandleSec();
    }

    /**
     * The waiting conversations whose position or estimated wait differs from what this process last announced
     * (another router may have announced it too; a repeat is harmless, and clients show the latest).
     */
    public Uni<List<ConversationChanged>> changed(QueueRef queue) {
        return of(queue).map(places -> unannounced(queue, places));
    }

    /** Of the queue's current places, those this process has not announced yet; they count as announced now. */
    public List<ConversationChanged> unannounced(QueueRef queue, List<ConversationChanged> places) {
        Map<String, String> before = announced.getOrDefault(queue, Map.of());
        Map<String, String> now = new HashMap<>();
        List<ConversationChanged> changed = new ArrayList<>();
        for (ConversationChanged place : places) {
            String shown = place.position() + "/" + place.etaSec();
            now.put(place.conversationId(), shown);
            if (!shown.equals(before.get(place.conversationId()))) {
                changed.add(place);
            }
        }
        if (now.isEmpty()) {
            announced.remove(queue);
        } else {
            announced.put(queue, now);
        }
        return changed;
    }

    /** Every waiting conversation of the queue with its position and estimated wait. */
    public Uni<List<ConversationChanged>> of(QueueRef queue) {
        return queues.entries(queue).chain(waiting -> waiting.isEmpty()
                ? Uni.createFrom().item(List.<ConversationChanged>of())
                : onlineCapacity(queue).map(capacity -> {
                    List<ConversationChanged> result = new ArrayList<>(waiting.size());
                    long ts = System.currentTimeMillis();
                    int position = 0;
                    for (QueuedConversation q : waiting) {
                        position++;
                        int eta = (int) Math.ceil((double) position * avgHandleSec / Math.max(1, capacity));
                        result.add(new ConversationChanged(q.tenant(), q.conversationId(), q.visitorId(),
                                ConversationStatus.QUEUED, null, 0, ts, position, eta));
                    }
                    return result;
                }));
    }

    private Uni<Integer> onlineCapacity(QueueRef queue) {
        return teams.team(queue.tenant()).chain(team -> agents.onlineAgents(redis, queue.tenant()).map(online -> {
            Team.SkillGroup group = team.groups().get(queue.group());
            int capacity = 0;
            for (String id : online) {
                if (group == null || group.members().containsKey(id)) {
                    capacity += team.capacity(id, group);
                }
            }
            return capacity;
        }));
    }
}
