package io.parley.gateway.report;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reports for supervisors and admins (docs/console.md, "Reports"): first response and resolution times, CSAT, agent
 * utilisation, bot resolution and handoff rates, SLA breaches, per day, group or agent over a range of UTC days, as
 * JSON or CSV. Read from the pre-aggregated {@code report_day}, so a year answers as fast as a day.
 */
@Path("/api/v1/reports/summary")
@Tag(name = "reports")
@RolesAllowed({ "supervisor", "admin" })
public class ReportResource {
    static final int MAX_DAYS = 366;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private final Reports reports;
    private final Caller caller;

    public ReportResource(Reports reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Figures over a range of UTC days (from, to inclusive; the last 7 by default) by day, group or"
            + " agent; format=csv for a spreadsheet")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Reports.Report.class)))
    @APIResponse(responseCode = "400", description = "a parameter out of range (each one named)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> summary(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("by") String by, @QueryParam("group") String group, @QueryParam("agent") String agent,
            @QueryParam("format") String format) {
        String tenant = caller.tenant();
        List<String> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = date(to, "to", today, problems);
        LocalDate start = date(from, "from", end == null ? today.minusDays(6) : end.minusDays(6), problems);
        if (start != null && end != null && (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS)) {
            problems.add("'from' must not be after 'to', and the range at most " + MAX_DAYS + " days");
        }
        Reports.By breakdown = null;
        try {
            breakdown = by == null ? Reports.By.DAY : Reports.By.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("'by' must be one of day, group, agent");
        }
        if (group != null && !ID.matcher(group).matches()) {
            problems.add("'group' is not a group id");
        }
        if (agent != null && !ID.matcher(agent).matches()) {
            problems.add("'agent' is not an agent id");
        }
        boolean csv = "csv".equals(format);
        if (format != null && !csv && !"json".equals(format)) {
            problems.add("'format' must be json or csv");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        Reports.By chosen = breakdown;
        return reports.report(tenant, start, end, chosen, group, agent).map(report -> csv
                ? Response.ok(csv(report), "text/csv; charset=utf-8").header("Content-Disposition",
                        "attachment; filename=\"parley-report-" + report.from() + "-" + report.to() + "-"
                                + report.by() + ".csv\"").build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    private static LocalDate date(String value, String name, LocalDate fallback, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add("'" + name + "' must be a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static String csv(Reports.Report report) {
        StringBuilder out = new StringBuilder(ReportRow.CSV_HEADER).append("\r\n");
        report.rows().forEach(row -> out.append(row.csv()).append("\r\n"));
        return out.append(report.total().labelled("total").csv()).append("\r\n").toString();
    }
}
