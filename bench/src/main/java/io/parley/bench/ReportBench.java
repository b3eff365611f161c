package io.parley.bench;

import io.parley.testkit.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reports over 90 days with a million conversations (docs/console.md, "Reports"): how long routing's rollup takes to
 * add them all up into {@code report_day}, then the latency of {@code GET /api/v1/reports/summary} over the last 90
 * days by day, group and agent through one gateway (closed loop, one at a time). Baseline in the same run: the same
 * by-day figures computed straight from the {@code conversation} table in SQL, as a report without the
 * pre-aggregation would.
 *
 * <p>Settings (system properties, defaults in brackets): conversations [1000000], days [90], rounds [3], perQuery
 * [40], baselineRuns [3], repo [..], gatewayPort [28080], routingPort [28081]. The data (tenant {@code report-bench},
 * 10 groups, 100 agents) is made once in {@code parley_test} and reused while it is there.
 */
public final class ReportBench {
    static final String TENANT = "report-bench";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int conversations = Integer.getInteger("conversations", 1_000_000);
        int days = Integer.getInteger("days", 90);
        int rounds = Integer.getInteger("rounds", 3);
        int perQuery = Integer.getInteger("perQuery", 40);
        int baselineRuns = Integer.getInteger("baselineRuns", 3);
        Path repo = Path.of(System.getProperty("repo", "..")).toAbsolutePath().normalize();
        int gatewayPort = Integer.getInteger("gatewayPort", 28080);
        int routingPort = Integer.getInteger("routingPort", 28081);
        Path logDir = repo.resolve("bench/target");
        Files.createDirectories(logDir);
        AgentTokens tokens = new AgentTokens();

        Vertx vertx = Vertx.vertx();
        Pool db = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(new PgConnectOptions()
                .setHost("127.0.0.1").setPort(5432).setDatabase("parley_test").setUser("parley").setPassword("parley"))
                .using(vertx).build();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = today.minusDays(days - 1);
        Map<String, List<double[]>> api = new LinkedHashMap<>();
        List<Double> baseline = new ArrayList<>();
        double rollupSec;
        long gatewayPeakMb;
        try {
            // Routing migrates the schema first; the data is written while it is stopped.
            try (ServiceProcess migrate = ServiceProcess.start("routing", repo.resolve("services/routing"), routingPort,
                    BenchEnv.routing(routingPort), logDir.resolve("bench-routing.log"), 512, Duration.ofSeconds(90))) {
                log("schema migrated by " + migrate.name);
            }
            ensureData(db, conversations, days);
            await(db.query("DELETE FROM report_day WHERE tenant_id = '" + TENANT + "'").execute());
            Map<String, String> routingEnv = BenchEnv.routing(routingPort);
            routingEnv.put("PARLEY_REPORTS_ROLLUP_DAYS", String.valueOf(days + 1));
            routingEnv.put("PARLEY_REPORTS_ROLLUP_INTERVAL", "1h"); // one rollup, at start, then quiet
            try (ServiceProcess routing = ServiceProcess.start("routing", repo.resolve("services/routing"), routingPort,
                    routingEnv, logDir.resolve("bench-routing.log"), 512, Duration.ofSeconds(90))) {
                long started = System.nanoTime();
                while (opened(db) < conversations) {
                    if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(10)) {
                        throw new IllegalStateException("the rollup did not finish in 10 minutes");
                    }
                    Thread.sleep(200);
                }
                // Measured from routing's start: its first rollup begins 5 s after it, so this is an upper bound.
                rollupSec = (System.nanoTime() - started) / 1e9;
                log(String.format(Locale.ROOT, "rollup of %d days done %.1f s after routing was ready", days + 1, rollupSec));
                try (ServiceProcess gateway = ServiceProcess.start("gateway", repo.resolve("services/gateway"),
                        gatewayPort, BenchEnv.gateway(gatewayPort, tokens), logDir.resolve("bench-gateway.log"), 512,
                        Duration.ofSeconds(90))) {
                    String base = "http://127.0.0.1:" + gateway.port + "/api/v1/reports/summary?from=" + from + "&to="
                            + today + "&by=";
                    String token = tokens.supervisor(TENANT, "bench-supervisor");
                    for (String by : List.of("day", "group", "agent")) {
                        for (int i = 0; i < 10; i++) {
                            get(base + by, token); // warm-up
                        }
                    }
                    for (int round = 1; round <= rounds; round++) {
                        for (String by : List.of("day", "group", "agent")) {
                            long[] samples = new long[perQuery];
                            for (int i = 0; i < perQuery; i++) {
                                long start = System.nanoTime();
                                get(base + by, token);
                                samples[i] = System.nanoTime() - start;
                            }
                            Arrays.sort(samples);
                            api.computeIfAbsent("by " + by, k -> new ArrayList<>())
                                    .add(new double[] { Figures.pct(samples, 50), Figures.pct(samples, 99) });
                        }
                        log("round " + round + " done");
                    }
                    gatewayPeakMb = gateway.peakRssMb();
                }
            }
            for (int i = 0; i < baselineRuns; i++) {
                baseline.add(direct(db, from, today));
            }
        } finally {
            db.close();
            vertx.close();
        }
        String report = report(conversations, days, rounds, perQuery, rollupSec, api, baseline, gatewayPeakMb);
        System.out.println(report);
        Path out = repo.resolve("bench/results-reports-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(out, report);
        log("written to " + out);
    }

    /** Conversations spread evenly over the last {@code days} days, in 10 groups and to 100 agents. */
    static void ensureData(Pool db, int conversations, int days) throws Exception {
        long have = await(db.preparedQuery("SELECT count(*) FROM conversation WHERE tenant_id = $1")
                .execute(Tuple.of(TENANT))).iterator().next().getLong(0);
        if (have == conversations) {
            log(have + " conversations of " + TENANT + " already there");
            return;
        }
        log("writing " + conversations + " conversations (once)");
        for (String sql : List.of("DELETE FROM report_day WHERE tenant_id = '" + TENANT + "'",
                "DELETE FROM conversation WHERE tenant_id = '" + TENANT + "'",
                "DELETE FROM agent_profile WHERE tenant_id = '" + TENANT + "'",
                "DELETE FROM skill_group WHERE tenant_id = '" + TENANT + "'",
                "DELETE FROM tenant WHERE id = '" + TENANT + "'")) {
            await(db.query(sql).execute());
        }
        await(db.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").execute(Tuple.of(TENANT)));
        await(db.preparedQuery("INSERT INTO skill_group (tenant_id, id, name) SELECT $1, 'g' || g, 'Group ' || g"
                + " FROM generate_series(0, 9) g").execute(Tuple.of(TENANT)));
        await(db.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, name) SELECT $1, 'a' || a, 'Agent ' || a"
                + " FROM generate_series(0, 99) a").execute(Tuple.of(TENANT)));
        // Opened at an even pace over the days; 40% start with the bot, a quarter of those are handed over; 90%
        // get a first response within 0-300 s; all but the last day's are closed 10-3,600 s later; a third rated.
        await(db.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, group_id, assignee_id, created_at, updated_at,
                    first_response_at, closed_at, csat_score, csat_at, bot_id, handoff, assigned_at,
                    first_response_breached, resolution_breached)
                SELECT $1 || '-' || n, $1, 'v' || n, CASE WHEN c.closed IS NULL THEN 'assigned' ELSE 'closed' END,
                       'g' || (n % 10), 'a' || (n % 100), c.created, c.created,
                       CASE WHEN n % 10 <> 0 THEN c.created + make_interval(secs => n % 300) END, c.closed,
                       CASE WHEN n % 3 = 0 AND c.closed IS NOT NULL THEN 1 + n % 5 END,
                       CASE WHEN n % 3 = 0 THEN c.closed END,
                       CASE WHEN n % 5 < 2 THEN 'bench-bot' END,
                       CASE WHEN n % 5 < 2 AND n % 4 = 0 THEN '{"reason":"requested"}'::jsonb END,
                       c.created, n % 10 = 0, n % 50 = 0
                FROM generate_series(1, $2) n,
                     LATERAL (SELECT now() - make_interval(secs => ($3 * 86400.0 * n / $2)::int) AS created) t,
                     LATERAL (SELECT t.created, CASE WHEN t.created < now() - interval '1 day'
                                           THEN t.created + make_interval(secs => 10 + n % 3590) END AS closed) c""")
                .execute(Tuple.of(TENANT, conversations, days)));
        await(db.query("ANALYZE conversation").execute());
        log("data written");
    }

    static long opened(Pool db) throws Exception {
        return await(db.preparedQuery("SELECT coalesce(sum(opened), 0) FROM report_day WHERE tenant_id = $1")
                .execute(Tuple.of(TENANT))).iterator().next().getLong(0);
    }

    static void get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    /** Milliseconds for the by-day figures straight from the conversations (what the rollup saves each report). */
    static double direct(Pool db, LocalDate from, LocalDate to) throws Exception {
        long start = System.nanoTime();
        await(db.preparedQuery("""
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*), count(first_response_at),
                       avg(extract(epoch FROM first_response_at - created_at)), count(*) FILTER (WHERE bot_id IS NOT NULL),
                       count(*) FILTER (WHERE handoff IS NOT NULL), count(*) FILTER (WHERE first_response_breached),
                       avg(extract(epoch FROM closed_at - created_at)), avg(csat_score)
                FROM conversation WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
                GROUP BY 1 ORDER BY 1""").execute(Tuple.of(TENANT, from.atStartOfDay().atOffset(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))));
        return (System.nanoTime() - start) / 1e6;
    }

    static String report(int conversations, int days, int rounds, int perQuery, double rollupSec,
            Map<String, List<double[]>> api, List<Double> baseline, long gatewayPeakMb) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(LocalDate.now(ZoneOffset.UTC)).append(": reports over ").append(days)
                .append(" days, ").append(conversations).append(" conversations\n\n");
        out.append("`GET /api/v1/reports/summary` over the last ").append(days).append(" days through one gateway, ")
                .append(perQuery).append(" requests per breakdown per round, one at a time; ").append(rounds)
                .append(" rounds. Baseline in the same run: the by-day figures straight from `conversation` in SQL.\n\n");
        out.append("| report | p50 ms, median (range) | p99 ms, median (range) |\n|---|---:|---:|\n");
        api.forEach((name, values) -> out.append("| ").append(name).append(" | ").append(Figures.spread(values, 0))
                .append(" | ").append(Figures.spread(values, 1)).append(" |\n"));
        out.append("| baseline: by day from `conversation` (SQL only) | ")
                .append(Figures.spread(baseline.stream().map(v -> new double[] { v }).toList(), 0)).append(" | |\n\n");
        out.append(String.format(Locale.ROOT, "Rollup of all %d days: done %.1f s after routing was ready (its first"
                + " run starts 5 s after start). Gateway peak resident set (VmHWM): %d MB.%n", days + 1, rollupSec,
                gatewayPeakMb));
        return out.toString();
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    }

    private static void log(String line) {
        System.err.println("[report-bench] " + line);
    }
}
