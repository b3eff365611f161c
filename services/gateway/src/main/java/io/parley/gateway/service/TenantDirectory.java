package io.parley.gateway.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tenants and their Origin allow-lists, cached briefly (every socket upgrade asks). */
@ApplicationScoped
public class TenantDirectory {
    private static final long TTL_MILLIS = 30_000;

    /** A tenant as the gateway sees it; {@code exists == false} for an unknown id. */
    public record Tenant(String id, boolean exists, List<String> allowedOrigins, String identitySecret,
            long loadedAt) {
        /** A request without Origin is not from a browser page, so there is no cross-site risk to check. */
        public boolean allows(String origin) {
            return origin == null || allowedOrigins.contains(origin);
        }
    }

    private final Pool pool;
    private final Map<String, Tenant> cache = new ConcurrentHashMap<>();

    public TenantDirectory(Pool pool) {
        this.pool = pool;
    }

    public Uni<Tenant> find(String id) {
        Tenant cached = cache.get(id);
        if (cached != null && System.currentTimeMillis() - cached.loadedAt() < TTL_MILLIS) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery("SELECT allowed_origins, identity_secret FROM tenant WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    Tenant tenant = rows.size() == 0
                            ? new Tenant(id, false, List.of(), null, System.currentTimeMillis())
                            : new Tenant(id, true, List.of(rows.iterator().next().getArrayOfStrings(0)),
                                    rows.iterator().next().getString(1), System.currentTimeMillis());
                    if (cache.size() < 10_000) {
                        cache.put(id, tenant);
                    }
                    return tenant;
                });
    }
}
