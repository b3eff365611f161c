package io.parley.gateway.report;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads reports from {@code report_day} (routing's ReportRollup keeps it): a tenant's figures over a range of UTC
 * days, by day (every day of the range, empty ones too), by group or by agent, and the range's total.
 */
@ApplicationScoped
public class Reports {
    /** How a report is broken down. */
    public enum By {
        DAY, GROUP, AGENT
    }

    /** A report: its lines and their total. */
    public record Report(LocalDate from, LocalDate to, String by, List<ReportRow> rows, ReportRow total) {
    }

    private static final String SUMS = """
            coalesce(sum(r.opened), 0) AS opened, coalesce(sum(r.first_responses), 0) AS first_responses,
            coalesce(sum(r.first_response_sec), 0) AS first_response_sec, coalesce(sum(r.bot_started), 0) AS bot_started,
            coalesce(sum(r.bot_handoffs), 0) AS bot_handoffs,
            coalesce(sum(r.first_response_breaches), 0) AS first_response_breaches, coalesce(sum(r.closed), 0) AS closed,
            coalesce(sum(r.resolution_sec), 0) AS resolution_sec, coalesce(sum(r.bot_resolved), 0) AS bot_resolved,
            coalesce(sum(r.resolution_breaches), 0) AS resolution_breaches, coalesce(sum(r.csat_count), 0) AS csat_count,
            coalesce(sum(r.csat_sum), 0) AS csat_sum, coalesce(sum(r.online_sec), 0) AS online_sec,
            coalesce(sum(r.busy_sec), 0) AS busy_sec""";

    private final Pool pool;

    public Reports(Pool pool) {
        this.pool = pool;
    }

    /** {@code group} and {@code agent} filter (null: all); the range is inclusive, already checked. */
    public Uni<Report> report(String tenant, LocalDate from, LocalDate to, By by, String group, String agent) {
        List<Object> params = new ArrayList<>(List.of(tenant, from, to));
        StringBuilder filter = new StringBuilder();
        if (group != null) {
            params.add(group);
            filter.append(" AND r.group_id = $").append(params.size());
        }
        if (agent != null) {
            params.add(agent);
            filter.append(" AND r.agent_id = $").append(params.size());
        }
        String range = " r.tenant_id = $1 AND r.day BETWEEN $2 AND $3" + filter;
        String lines = switch (by) {
            case DAY -> "SELECT d::date::text AS key, NULL AS name, " + SUMS + " FROM generate_series($2::date, $3::date,"
                    + " interval '1 day') d LEFT JOIN report_day r ON r.day = d::date AND" + range
                    + " GROUP BY d ORDER BY d";
            // Added up first, named after: the join then meets one row per group or agent, whatever the planner
            // believes about report_day (a fresh table has no statistics and it would join every row).
            case GROUP -> "SELECT s.*, g.name FROM (SELECT r.group_id AS key, " + SUMS + " FROM report_day r WHERE"
                    + range + " GROUP BY r.group_id) s LEFT JOIN skill_group g ON g.tenant_id = $1 AND g.id = s.key"
                    + " ORDER BY s.opened DESC, s.key";
            case AGENT -> "SELECT s.*, p.name FROM (SELECT r.agent_id AS key, " + SUMS + " FROM report_day r WHERE"
                    + range + " GROUP BY r.agent_id) s LEFT JOIN agent_profile p ON p.tenant_id = $1"
                    + " AND p.agent_id = s.key ORDER BY s.opened DESC, s.key";
        };
        Tuple args = Tuple.from(params);
        Uni<List<ReportRow>> rows = pool.preparedQuery(lines).execute(args).map(result -> {
            List<ReportRow> list = new ArrayList<>();
            for (Row row : result) {
                list.add(ReportRow.of(row, row.getString("key"), row.getString("name")));
            }
            return list;
        });
        Uni<ReportRow> total = pool.preparedQuery("SELECT " + SUMS + " FROM report_day r WHERE" + range).execute(args)
                .map(result -> ReportRow.of(result.iterator().next(), null, null));
        return Uni.combine().all().unis(rows, total)
                .with((list, sum) -> new Report(from, to, by.name().toLowerCase(java.util.Locale.ROOT), list, sum));
    }
}
