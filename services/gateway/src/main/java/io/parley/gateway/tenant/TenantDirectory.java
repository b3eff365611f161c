package io.parley.gateway.tenant;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.common.json.Json;
import io.parley.gateway.widget.WidgetSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Tenants as the gateway needs them (Origin allow-lists, identity verification, the widget's settings), cached for
 * 30 s: every socket upgrade, widget session and widget load asks. A change made through this gateway's admin API
 * is seen here at once, through other gateways within the 30 s.
 */
@ApplicationScoped
public class TenantDirectory {
    static final Duration TTL = Duration.ofSeconds(30);

    /** Whether visitors must prove who they are (docs/protocol.md, "Visitors"). */
    public enum IdentityVerification {
        OFF, OPTIONAL, REQUIRED;

        public static IdentityVerification fromWire(String value) {
            return valueOf(value.toUpperCase());
        }

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** A tenant as the gateway sees it; {@code exists == false} for an unknown id. */
    public record Tenant(String id, boolean exists, List<String> allowedOrigins, String identitySecret,
            IdentityVerification identityVerification, WidgetSettings widget) {
        /**
         * Whether a page of this origin may use the tenant's chat. Null (a request without Origin, or one from this
         * gateway's own hosted chat page: {@link PageOrigin}) is not a page of another site, so there is no
         * cross-site risk to check.
         */
        public boolean allows(String origin) {
            return origin == null || allowedOrigins.contains(origin);
        }

        /** Signatures are checked (the tenant has a secret and verification is not off). */
        public boolean checksSignatures() {
            return identityVerification != IdentityVerification.OFF && identitySecret != null
                    && !identitySecret.isEmpty();
        }
    }

    private final Pool pool;
    private final AsyncLoadingCache<String, Tenant> cache;

    public TenantDirectory(Pool pool) {
        this.pool = pool;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL)
                .buildAsync((id, executor) -> load(id).subscribeAsCompletionStage());
    }

    public Uni<Tenant> find(String id) {
        return Uni.createFrom().completionStage(cache.get(id));
    }

    /** After a change through this gateway. */
    public void invalidate(String id) {
        cache.synchronous().invalidate(id);
    }

    private Uni<Tenant> load(String id) {
        return pool.preparedQuery("""
                SELECT allowed_origins, identity_secret, identity_verification, widget::text AS widget
                FROM tenant WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new Tenant(id, false, List.of(), null, IdentityVerification.OFF, WidgetSettings.NONE);
                    }
                    Row row = rows.iterator().next();
                    return new Tenant(id, true, List.of(row.getArrayOfStrings("allowed_origins")),
                            row.getString("identity_secret"),
                            IdentityVerification.fromWire(row.getString("identity_verification")),
                            Json.read(row.getString("widget"), WidgetSettings.class));
                });
    }
}
