package io.parley.gateway.report;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Customer satisfaction of the caller's tenant: ratings given in a time range, overall and per agent. */
@Path("/api/v1/reports/csat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class CsatReportResource {
    /** Ratings given in [from, to): how many, their mean, how many of each score, and per assigned agent. */
    public record CsatReport(String from, String to, long count, Double average, Map<String, Long> scores,
            List<AgentCsat> agents) {
    }

    public record AgentCsat(String agentId, long count, double average) {
    }

    private final Pool pool;
    private final Caller caller;

    public CsatReportResource(Pool pool, Caller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "CSAT of the tenant: ratings given from 'from' (default 30 days ago) to 'to' (default now)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CsatReport.class)))
    @APIResponse(responseCode = "400", description = "from or to not an ISO-8601 date-time with offset, or to <= from",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<CsatReport> report(@QueryParam("from") String fromParam, @QueryParam("to") String toParam) {
        List<String> problems = new ArrayList<>();
        OffsetDateTime from = QueryParams.time(fromParam, "from", problems);
        OffsetDateTime to = QueryParams.time(toParam, "to", problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        OffsetDateTime end = to == null ? OffsetDateTime.now() : to;
        OffsetDateTime start = from == null ? end.minusDays(30) : from;
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("'to' must be after 'from'");
        }
        String tenant = caller.tenant();
        return pool.preparedQuery("""
                SELECT coalesce(assignee_id, '') AS agent, csat_score, count(*) AS n FROM conversation
                WHERE tenant_id = $1 AND csat_score IS NOT NULL AND csat_at >= $2 AND csat_at < $3
                GROUP BY 1, 2 ORDER BY 1, 2""").execute(Tuple.of(tenant, start, end)).map(rows -> {
                    Map<String, Long> scores = new LinkedHashMap<>();
                    for (int s = 1; s <= 5; s++) {
                        scores.put(String.valueOf(s), 0L);
                    }
                    Map<String, long[]> perAgent = new LinkedHashMap<>(); // agent -> {count, sum}
                    long count = 0;
                    long sum = 0;
                    for (Row row : rows) {
                        int score = row.getInteger("csat_score");
                        long n = row.getLong("n");
                        scores.merge(String.valueOf(score), n, Long::sum);
                        count += n;
                        sum += n * score;
                        if (!row.getString("agent").isEmpty()) {
                            long[] a = perAgent.computeIfAbsent(row.getString("agent"), k -> new long[2]);
                            a[0] += n;
                            a[1] += n * score;
                        }
                    }
                    List<AgentCsat> agents = perAgent.entrySet().stream().map(e -> new AgentCsat(e.getKey(),
                            e.getValue()[0], round((double) e.getValue()[1] / e.getValue()[0]))).toList();
                    return new CsatReport(start.toString(), end.toString(), count,
                            count == 0 ? null : round((double) sum / count), scores, agents);
                });
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
