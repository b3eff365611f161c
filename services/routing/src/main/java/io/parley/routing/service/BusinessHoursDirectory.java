package io.parley.routing.service;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.routing.config.RoutingConfig;
import io.parley.common.json.Json;
import io.parley.common.model.BusinessHours;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenants' business hours, read from PostgreSQL and cached like the team ({@code parley.team.cache-ttl-ms}):
 * every new conversation asks, admins change them rarely.
 */
@ApplicationScoped
public class BusinessHoursDirectory {
    /** A tenant's hours and what a visitor is told while closed (null: the default text). */
    public record TenantHours(BusinessHours hours, String offlineMessage) {
    }

    private final Pool pool;
    private final AsyncLoadingCache<String, Optional<TenantHours>> cache;

    public BusinessHoursDirectory(Pool pool, RoutingConfig config) {
        this.pool = pool;
        this.cache = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(Duration.ofMillis(config.team().cacheTtlMillis()))
                .buildAsync((tenant, executor) -> load(tenant).subscribeAsCompletionStage());
    }

    /** Empty when the tenant has no hours (always open). */
    public Uni<Optional<TenantHours>> hours(String tenant) {
        return Uni.createFrom().completionStage(cache.get(tenant));
    }

    private Uni<Optional<TenantHours>> load(String tenant) {
        return pool.preparedQuery("""
                SELECT time_zone, weekly::text AS weekly, holidays, offline_message
                FROM business_hours WHERE tenant_id = $1""").execute(Tuple.of(tenant))
                .map(rows -> rows.size() == 0 ? Optional.<TenantHours>empty() : read(tenant, rows.iterator().next()));
    }

    @SuppressWarnings("unchecked")
    private static Optional<TenantHours> read(String tenant, Row row) {
        try {
            Map<String, List<String>> weekly = Json.read(row.getString("weekly"), Map.class);
            List<String> holidays = Arrays.stream(row.getArrayOfLocalDates("holidays")).map(LocalDate::toString)
                    .toList();
            return Optional.of(new TenantHours(BusinessHours.parse(row.getString("time_zone"), weekly, holidays),
                    row.getString("offline_message")));
        } catch (RuntimeException e) {
            // Only the admin API writes these, and it validates; a row edited by hand is ignored, loudly.
            Log.errorf("tenant %s: unreadable business hours, treated as always open: %s", tenant, e.getMessage());
            return Optional.empty();
        }
    }
}
