package io.parley.gateway.tracking;

import io.parley.common.RedisKeys;
import io.parley.common.json.Json;
import io.parley.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Who is on the tenant's site right now, in Redis so every gateway sees the same list: a sorted set of device ids by
 * last report, and each device's latest page (expiring when the page goes quiet). Agents' invitations wait here for
 * the device's next report, which takes them once.
 */
@ApplicationScoped
public class LiveVisitors {
    static final int MAX_LISTED = 200;
    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final Duration INVITATION_TTL = Duration.ofMinutes(5);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSortedSetCommands<String, String> devices;
    private final GatewayConfig config;

    public LiveVisitors(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.values = redis.value(String.class);
        this.devices = redis.sortedSet(String.class);
        this.config = config;
    }

    /** Records a report; a page view of the same visit counts one more page, a heartbeat none. */
    public Uni<LiveVisitor> report(String tenant, PageView view, String device, String country, long now) {
        String key = RedisKeys.liveVisitor(tenant, view.deviceId());
        return values.get(key).chain(json -> {
            LiveVisitor before = json == null ? null : Json.read(json, LiveVisitor.class);
            boolean sameVisit = before != null && before.visitId().equals(view.visitId());
            int pages = sameVisit ? before.pages() + (view.heartbeat() ? 0 : 1) : 1;
            LiveVisitor live = new LiveVisitor(view.deviceId(), view.visitId(), view.url(), view.title(),
                    sameVisit ? before.referrer() : view.referrer(), pages, sameVisit ? before.visitStarted() : now,
                    now, device, country);
            return values.set(key, Json.write(live), new SetArgs().px(KEEP))
                    .chain(() -> devices.zadd(RedisKeys.liveVisitors(tenant), now, view.deviceId()))
                    .replaceWith(live);
        });
    }

    /** The tenant's live visitors, most recently active first (at most {@link #MAX_LISTED}). */
    public Uni<List<LiveVisitor>> list(String tenant, long now) {
        String set = RedisKeys.liveVisitors(tenant);
        double since = now - config.tracking().liveFor().toMillis();
        return devices.zremrangebyscore(set, new ScoreRange<>(Double.NEGATIVE_INFINITY, since))
                .chain(() -> devices.zrangebyscore(set, new ScoreRange<>(since, Double.POSITIVE_INFINITY)))
                .chain(ids -> {
                    List<String> recent = ids.subList(Math.max(0, ids.size() - MAX_LISTED), ids.size());
                    if (recent.isEmpty()) {
                        return Uni.createFrom().item(List.<LiveVisitor>of());
                    }
                    return values.mget(recent.stream().map(id -> RedisKeys.liveVisitor(tenant, id))
                            .toArray(String[]::new)).map(found -> found.values().stream().filter(Objects::nonNull)
                                    .map(json -> Json.read(json, LiveVisitor.class))
                                    .sorted(Comparator.comparingLong(LiveVisitor::lastSeen).reversed()).toList());
                });
    }

    /** One live visitor of the tenant, or null when the device has not reported within the live window. */
    public Uni<LiveVisitor> find(String tenant, String deviceId, long now) {
        return devices.zscore(RedisKeys.liveVisitors(tenant), deviceId).chain(lastSeen -> {
            if (lastSeen == null || lastSeen < now - config.tracking().liveFor().toMillis()) {
                return Uni.createFrom().<LiveVisitor>nullItem();
            }
            return values.get(RedisKeys.liveVisitor(tenant, deviceId))
                    .map(json -> json == null ? null : Json.read(json, LiveVisitor.class));
        });
    }

    /** Leaves an invitation for the device's next report; false when the device is not live. */
    public Uni<Boolean> invite(String tenant, String deviceId, Invitation invitation, long now) {
        return find(tenant, deviceId, now).chain(visitor -> {
            if (visitor == null) {
                return Uni.createFrom().item(false);
            }
            return values.set(RedisKeys.invitation(tenant, deviceId), Json.write(invitation),
                    new SetArgs().px(INVITATION_TTL)).replaceWith(true);
        });
    }

    /** The invitation waiting for this device, taken (null when none). */
    public Uni<Invitation> take(String tenant, String deviceId) {
        return values.getdel(RedisKeys.invitation(tenant, deviceId))
                .map(json -> json == null ? null : Json.read(json, Invitation.class));
    }
}
