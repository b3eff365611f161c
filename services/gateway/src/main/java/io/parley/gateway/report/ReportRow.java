package io.parley.gateway.report;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One line of a report (docs/console.md, "Reports"): the sums of {@code report_day} for a day, group or agent (or
 * the whole range), with the averages and rates derived from them (null where there is nothing to divide by).
 */
public record ReportRow(String key, String name, long opened, long firstResponses, Double avgFirstResponseSec,
        long closed, Double avgResolutionSec, long csatCount, Double csatAverage, long botStarted, long botResolved,
        long botHandoffs, Double botResolutionRate, Double handoffRate, long firstResponseBreaches,
        long resolutionBreaches, long onlineSec, long busySec, Double utilisation) {

    /** The CSV header, in the order of {@link #csv()}. */
    static final String CSV_HEADER = "key,name,opened,first_responses,avg_first_response_sec,closed,avg_resolution_sec,"
            + "csat_count,csat_average,bot_started,bot_resolved,bot_handoffs,bot_resolution_rate,handoff_rate,"
            + "first_response_breaches,resolution_breaches,online_sec,busy_sec,utilisation";

    static ReportRow of(Row row, String key, String name) {
        long firstResponses = row.getLong("first_responses");
        long closed = row.getLong("closed");
        long csatCount = row.getLong("csat_count");
        long botStarted = row.getLong("bot_started");
        long online = row.getLong("online_sec");
        return new ReportRow(key, name, row.getLong("opened"), firstResponses,
                ratio(row.getLong("first_response_sec"), firstResponses), closed,
                ratio(row.getLong("resolution_sec"), closed), csatCount, ratio(row.getLong("csat_sum"), csatCount),
                botStarted, row.getLong("bot_resolved"), row.getLong("bot_handoffs"),
                ratio(row.getLong("bot_resolved"), botStarted), ratio(row.getLong("bot_handoffs"), botStarted),
                row.getLong("first_response_breaches"), row.getLong("resolution_breaches"), online,
                row.getLong("busy_sec"), ratio(row.getLong("busy_sec"), online));
    }

    /** The same figures under another key (the CSV's "total" line). */
    ReportRow labelled(String label) {
        return new ReportRow(label, name, opened, firstResponses, avgFirstResponseSec, closed, avgResolutionSec,
                csatCount, csatAverage, botStarted, botResolved, botHandoffs, botResolutionRate, handoffRate,
                firstResponseBreaches, resolutionBreaches, onlineSec, busySec, utilisation);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 1000.0;
    }

    /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; a leading = + - @ is defused. */
    String csv() {
        return String.join(",", quote(key), quote(name), num(opened), num(firstResponses), num(avgFirstResponseSec),
                num(closed), num(avgResolutionSec), num(csatCount), num(csatAverage), num(botStarted), num(botResolved),
                num(botHandoffs), num(botResolutionRate), num(handoffRate), num(firstResponseBreaches),
                num(resolutionBreaches), num(onlineSec), num(busySec), num(utilisation));
    }

    private static String num(Object value) {
        return value == null ? "" : value.toString();
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        // A spreadsheet would run a cell starting with these as a formula (names come from the tenant's admins).
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
