package io.parley.gateway.tracking;

import io.parley.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Page trails (V21 {@code page_view}): every page view a tenant's site reports, kept for the configured retention
 * (30 days by default) and then deleted by the hourly sweep, which any gateway may run (deleting twice is harmless).
 */
@ApplicationScoped
public class PageViews {
    static final int MAX_TRAIL = 100;

    /** One page of a visit. */
    public record Page(String url, String title, long viewedAt) {
    }

    private final Pool pool;
    private final GatewayConfig config;

    public PageViews(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<Void> record(String tenant, PageView view, String device, String country) {
        return pool.preparedQuery("""
                INSERT INTO page_view (tenant_id, device_id, visit_id, url, title, referrer, device, country)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(java.util.Arrays.asList(tenant, view.deviceId(), view.visitId(), view.url(),
                        view.title(), view.referrer(), device, country)))
                .replaceWithVoid();
    }

    /** A visit's pages, oldest first. */
    public Uni<List<Page>> visit(String tenant, String deviceId, String visitId) {
        return pool.preparedQuery("""
                SELECT url, title, viewed_at FROM page_view WHERE tenant_id = $1 AND device_id = $2 AND visit_id = $3
                ORDER BY viewed_at, id LIMIT $4""")
                .execute(Tuple.of(tenant, deviceId, visitId, MAX_TRAIL)).map(PageViews::pages);
    }

    /** The newest pages of the device a visitor's latest session came from, newest first (any visit). */
    public Uni<List<Page>> ofVisitor(String tenant, String visitorId, int limit) {
        return pool.preparedQuery("""
                SELECT p.url, p.title, p.viewed_at FROM visitor v
                JOIN page_view p ON p.tenant_id = v.tenant_id AND p.device_id = v.device_id
                WHERE v.tenant_id = $1 AND v.id = $2 ORDER BY p.viewed_at DESC, p.id DESC LIMIT $3""")
                .execute(Tuple.of(tenant, visitorId, limit)).map(PageViews::pages);
    }

    private static List<Page> pages(RowSet<Row> rows) {
        List<Page> pages = new ArrayList<>();
        for (Row row : rows) {
            pages.add(new Page(row.getString("url"), row.getString("title"),
                    row.getOffsetDateTime("viewed_at").toInstant().toEpochMilli()));
        }
        return pages;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return deleteBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(config.tracking().retention()))
                .invoke(n -> Log.debugf("page views: %d past retention deleted", n))
                .onFailure().invoke(e -> Log.warnf("page view sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes page views older than {@code cutoff}; the number deleted. */
    Uni<Integer> deleteBefore(OffsetDateTime cutoff) {
        return pool.preparedQuery("DELETE FROM page_view WHERE viewed_at < $1").execute(Tuple.of(cutoff))
                .map(rows -> rows.rowCount());
    }
}
