package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The console's search (docs/console.md, "Search") over a tenant with a million messages, Chinese and English:
 * latency of {@code GET /api/v1/search} (first page, 20 results) through one gateway, query after query (closed
 * loop, one at a time, as people type), per query and overall. Beside it in the same run, the baseline without
 * full-text search: the same terms as {@code ILIKE '%term%'} straight in PostgreSQL (SQL only, no HTTP), newest 20
 * first: cheap when the newest messages hold the term, a walk of the whole history when nothing does.
 *
 * <p>Settings (system properties, defaults in brackets): messages [1000000], rounds [3], perQuery [40] searches of
 * each query per round, baselineRuns [3] per query, repo [..], gatewayPort [28080], routingPort [28081]. The data
 * (tenant {@code search-bench}) is made once in {@code parley_test} and reused while it is there.
 */
public final class SearchBench {
    static final String TENANT = "search-bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Messages per conversation in the generated data. */
    private static final int THREAD = 20;

    /**
     * What is searched, with the share of messages that match in the generated data (each message holds one of 16
     * Chinese and one of 14 English sentences, picked at random): the planner's hardest cases are a common term
     * it thinks rare (a Chinese phrase) and a term nothing matches.
     */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("zh word, 2 of 16 sentences (订单)", "订单");
        QUERIES.put("zh 4-character phrase, 1 of 16 (发票抬头)", "发票抬头");
        QUERIES.put("en word, 2 of 14 (order)", "order");
        QUERIES.put("en prefix, 2 of 14 (ship)", "ship");
        QUERIES.put("en word, 1 of 14 (warranty)", "warranty");
        QUERIES.put("two terms, zh and en (退款 refund)", "退款 refund");
        QUERIES.put("no match (量子纠缠)", "量子纠缠");
    }

    private static final String[] ZH = { "你好，我的订单还没到", "请问什么时候发货", "我想申请退款", "快递显示已签收但我没收到",
        "可以开发票吗", "发票抬头写错了怎么改", "这个尺码偏大吗", "能换个颜色吗", "优惠券用不了", "客服在吗",
        "谢谢你的帮助", "订单号发给你了", "包装破损了", "什么时候能退款到账", "会员积分怎么用", "地址填错了" };
    private static final String[] EN = { "Hi, where is my order?", "When will it ship?", "I would like a refund please",
        "The parcel says delivered but I have nothing", "Can I change the size?", "Is the warranty two years?",
        "My coupon does not work", "Thanks for your help", "The box arrived damaged", "Can I pay by card?",
        "Shipping to Canada?", "How do I reset my password?", "Order number sent", "Is anyone there?" };

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("messages", 1_000_000);
        int rounds = Integer.getInteger("rounds", 3);
        int perQuery = Integer.getInteger("perQuery", 40);
        int baselineRuns = Integer.getInteger("baselineRuns", 3);
        Path repo = Path.of(System.getProperty("repo", "..")).toAbsolutePath().normalize();
        int gatewayPort = Integer.getInteger("gatewayPort", 28080);
        int routingPort = Integer.getInteger("routingPort", 28081);
        Path logDir = repo.resolve("bench/target");
        Files.createDirectories(logDir);
        AgentTokens tokens = new AgentTokens();
        Map<String, String> routingEnv = BenchEnv.routing(routingPort);
        Map<String, String> gatewayEnv = BenchEnv.gateway(gatewayPort, tokens);

        Vertx vertx = Vertx.vertx();
        Pool db = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(new PgConnectOptions()
                .setHost("127.0.0.1").setPort(5432).setDatabase("parley_test").setUser("parley").setPassword("parley")
                .setReconnectAttempts(3)).using(vertx).build();
        Map<String, List<double[]>> api = new LinkedHashMap<>();
        Map<String, List<Double>> baseline = new LinkedHashMap<>();
        List<double[]> overall = new ArrayList<>();
        long gatewayPeakMb;
        // Routing migrates the schema (it owns Flyway); the gateway answers the searches.
        try (ServiceProcess routing = ServiceProcess.start("routing", repo.resolve("services/routing"), routingPort,
                routingEnv, logDir.resolve("bench-routing.log"), 512, Duration.ofSeconds(90))) {
            ensureData(db, messages);
            try (ServiceProcess gateway = ServiceProcess.start("gateway", repo.resolve("services/gateway"),
                    gatewayPort, gatewayEnv, logDir.resolve("bench-gateway.log"), 512, Duration.ofSeconds(90))) {
                String base = "http://127.0.0.1:" + gateway.port;
                String token = tokens.agent(TENANT, "bench-agent");
                for (String q : QUERIES.values()) { // warm-up: JIT, connection pool, PostgreSQL's cache
                    for (int i = 0; i < 5; i++) {
                        search(base, token, q);
                    }
                }
                for (int round = 1; round <= rounds; round++) {
                    List<Long> all = new ArrayList<>();
                    for (var query : QUERIES.entrySet()) {
                        long[] samples = new long[perQuery];
                        for (int i = 0; i < perQuery; i++) {
                            long start = System.nanoTime();
                            int hits = search(base, token, query.getValue());
                            samples[i] = System.nanoTime() - start;
                            if (hits < 0) {
                                throw new IllegalStateException("search failed: " + query.getValue());
                            }
                        }
                        Arrays.sort(samples);
                        api.computeIfAbsent(query.getKey(), k -> new ArrayList<>())
                                .add(new double[] { Figures.pct(samples, 50), Figures.pct(samples, 99) });
                        Arrays.stream(samples).forEach(all::add);
                    }
                    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
                    overall.add(new double[] { Figures.pct(sorted, 50), Figures.pct(sorted, 99) });
                    log("round " + round + ": p50 " + Figures.fmt(Figures.pct(sorted, 50)) + " ms, p99 "
                            + Figures.fmt(Figures.pct(sorted, 99)) + " ms");
                }
                gatewayPeakMb = gateway.peakRssMb();
            }
            for (var query : QUERIES.entrySet()) {
                for (int i = 0; i < baselineRuns; i++) {
                    baseline.computeIfAbsent(query.getKey(), k -> new ArrayList<>()).add(scan(db, query.getValue()));
                }
            }
        } finally {
            db.close();
            vertx.close();
        }
        String report = report(messages, rounds, perQuery, baselineRuns, api, overall, baseline, gatewayPeakMb);
        System.out.println(report);
        Path out = repo.resolve("bench/results-search-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(out, report);
        log("written to " + out);
    }

    /** The tenant with {@code messages} messages; made (index dropped, rows written, index built) when not there. */
    static void ensureData(Pool db, int messages) throws Exception {
        long have = await(db.preparedQuery("SELECT count(*) FROM message WHERE tenant_id = $1").execute(Tuple.of(TENANT)))
                .iterator().next().getLong(0);
        if (have == messages) {
            log(have + " messages of " + TENANT + " already there");
            return;
        }
        log("writing " + messages + " messages (once; a few minutes)");
        long started = System.nanoTime();
        for (String sql : List.of("DELETE FROM message WHERE tenant_id = '" + TENANT + "'",
                "DELETE FROM conversation WHERE tenant_id = '" + TENANT + "'",
                "DELETE FROM visitor WHERE tenant_id = '" + TENANT + "'",
                "DELETE FROM tenant WHERE id = '" + TENANT + "'",
                "DROP INDEX IF EXISTS message_search", "DROP INDEX IF EXISTS message_by_tenant_time")) {
            await(db.query(sql).execute());
        }
        await(db.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").execute(Tuple.of(TENANT)));
        int conversations = messages / THREAD;
        await(db.preparedQuery("""
                INSERT INTO visitor (tenant_id, id, verified, name) SELECT $1, 'v' || g, false, 'Visitor ' || g
                FROM generate_series(1, $2) g""").execute(Tuple.of(TENANT, conversations)));
        await(db.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, last_seq, created_at, updated_at)
                SELECT $1 || '-c' || g, $1, 'v' || g, 'closed', $3, now() - make_interval(mins => $2 - g),
                       now() - make_interval(mins => $2 - g)
                FROM generate_series(1, $2) g""").execute(Tuple.of(TENANT, conversations, THREAD)));
        // Each message: a Chinese and an English sentence picked at random, and an order number.
        await(db.preparedQuery("""
                INSERT INTO message (conversation_id, seq, id, tenant_id, sender_kind, sender_id, client_msg_id, body,
                                     received_at, created_at)
                SELECT $1 || '-c' || c, s, $1 || '-m' || c || '-' || s, $1,
                       CASE WHEN s % 2 = 0 THEN 'agent' ELSE 'visitor' END, CASE WHEN s % 2 = 0 THEN 'a1' ELSE 'v' || c END,
                       'k' || s,
                       ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int] || ' '
                         || ($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int]
                         || ' #' || floor(random() * 1000000)::int,
                       now() - make_interval(mins => $2 - c, secs => s), now() - make_interval(mins => $2 - c, secs => s)
                FROM generate_series(1, $2) c, generate_series(1, $5) s""")
                .execute(Tuple.of(TENANT, conversations, ZH, EN, THREAD)));
        // As migration V24 makes them (written after the rows: much faster than row by row).
        await(db.query("CREATE INDEX message_search ON message USING gin (search)").execute());
        await(db.query("CREATE INDEX message_by_tenant_time ON message (tenant_id, created_at DESC, id DESC)").execute());
        await(db.query("ANALYZE message").execute());
        await(db.query("ANALYZE visitor").execute());
        await(db.query("ANALYZE conversation").execute());
        log("data written and indexed in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    /** Hits on the first page, or -1 when the search failed. */
    static int search(String base, String token, String q) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/search?limit=20&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            log("HTTP " + response.statusCode() + ": " + response.body());
            return -1;
        }
        JsonNode body = JSON.readTree(response.body());
        return body.path("messages").size();
    }

    /** Milliseconds for the same terms without the index: every term as ILIKE '%term%', newest 20 first. */
    static double scan(Pool db, String q) throws Exception {
        List<String> terms = List.of(q.toLowerCase(Locale.ROOT).split("\\s+"));
        StringBuilder where = new StringBuilder("tenant_id = $1");
        List<Object> params = new ArrayList<>(List.of(TENANT));
        for (String term : terms) {
            params.add("%" + term + "%");
            where.append(" AND body ILIKE $").append(params.size());
        }
        long start = System.nanoTime();
        await(db.preparedQuery("SELECT id FROM message WHERE " + where + " ORDER BY created_at DESC LIMIT 20")
                .execute(Tuple.from(params)));
        return (System.nanoTime() - start) / 1e6;
    }

    static String report(int messages, int rounds, int perQuery, int baselineRuns, Map<String, List<double[]>> api,
            List<double[]> overall, Map<String, List<Double>> baseline, long gatewayPeakMb) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(LocalDate.now(ZoneOffset.UTC)).append(": search over ").append(messages)
                .append(" messages\n\n");
        out.append("`GET /api/v1/search` (first page, 20 results, messages and conversations) through one gateway, ")
                .append(perQuery).append(" searches of each query per round, one at a time; ").append(rounds)
                .append(" rounds. Baseline in the same run: the same terms as `ILIKE '%term%'` straight in PostgreSQL")
                .append(" (SQL only, no HTTP; no full-text index), newest 20 first, ").append(baselineRuns)
                .append(" runs each.\n\n");
        out.append("| query | p50 ms, median (range) | p99 ms, median (range) | baseline ILIKE ms, median (range) |\n");
        out.append("|---|---:|---:|---:|\n");
        for (var entry : api.entrySet()) {
            out.append("| ").append(entry.getKey()).append(" | ").append(Figures.spread(entry.getValue(), 0)).append(" | ")
                    .append(Figures.spread(entry.getValue(), 1)).append(" | ")
                    .append(Figures.spread(baseline.get(entry.getKey()).stream().map(v -> new double[] { v }).toList(), 0))
                    .append(" |\n");
        }
        out.append("| **all queries** | ").append(Figures.spread(overall, 0)).append(" | ").append(Figures.spread(overall, 1))
                .append(" | |\n\n");
        out.append("Gateway peak resident set (VmHWM): ").append(gatewayPeakMb).append(" MB.\n");
        return out.toString();
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    }

    private static void log(String line) {
        System.err.println("[search-bench] " + line);
    }
}
