package io.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.ServiceProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Routing decision latency: one routing process (packaged jar), a tenant with {@code groups} skill groups of
 * {@code agents / groups} online agents each, and new conversations arriving on {@code parley.inbound} at
 * {@code rate} per second, each asking for one group and one of its skills. The figure is routing's own
 * {@code parley_routing_decision_seconds} (queue head read -> agent claimed: ranking plus the atomic claim),
 * taken as the difference of its histogram between the end of the warm-up and the end of the measured window,
 * so only decisions made inside the window count.
 */
public final class RoutingDecisionBench {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int agents = Integer.getInteger("agents", 1000);
        int groups = Integer.getInteger("groups", 50);
        int rate = Integer.getInteger("rate", 500);
        long warmupMs = Long.getLong("warmupSec", 5) * 1000;
        long measureMs = Long.getLong("measureSec", 20) * 1000;
        int capacity = Integer.getInteger("capacity", 50);
        Path repo = Path.of(System.getProperty("repo", "..")).toAbsolutePath().normalize();
        int routingPort = Integer.getInteger("routingPort", 28181);
        Path logDir = repo.resolve("bench/target");
        Files.createDirectories(logDir);

        String tenant = "rbench-" + UUID.randomUUID().toString().substring(0, 8);
        Vertx vertx = Vertx.vertx();
        Pool db = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432)
                .setDatabase("parley_test").setUser("parley").setPassword("parley")).using(vertx).build();
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        RedisAPI api = RedisAPI.api(redis);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/parley_test");
        env.put("PARLEY_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
        // A throwaway consumer group that starts at the end: no backlog from earlier runs.
        env.put("PARLEY_ROUTING_GROUP", "parley-routing-bench-" + UUID.randomUUID().toString().substring(0, 8));
        env.put("PARLEY_ROUTING_OFFSET_RESET", "latest");
        log("starting routing on " + routingPort);
        try (ServiceProcess routing = ServiceProcess.start("routing", repo.resolve("services/routing"),
                routingPort, env, logDir.resolve("bench-routing.log"), 512, Duration.ofSeconds(90))) {
            log("team: " + agents + " agents in " + groups + " groups, capacity " + capacity);
            await(db.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").execute(Tuple.of(tenant)));
            List<String> agentIds = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                String group = "g" + g;
                await(db.preparedQuery("INSERT INTO skill_group (tenant_id, id, name, skills) VALUES ($1, $2, $2, $3)")
                        .execute(Tuple.of(tenant, group, new String[] { group + "-a", group + "-b", group + "-c" })));
            }
            for (int a = 0; a < agents; a++) {
                String agent = "agent-" + a;
                String group = "g" + (a % groups);
                agentIds.add(agent);
                await(db.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, capacity, rating, skills)"
                        + " VALUES ($1, $2, $3, $4, $5)").execute(Tuple.of(tenant, agent, capacity,
                                new java.math.BigDecimal(a % 6), new String[] { group + "-" + "abc".charAt(a % 3) })));
                await(db.preparedQuery("INSERT INTO skill_group_member (tenant_id, group_id, agent_id) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(tenant, group, agent)));
            }
            Thread presence = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    List<String> args1 = new ArrayList<>();
                    args1.add("parley:agents:online:" + tenant);
                    long now = System.currentTimeMillis();
                    for (String agent : agentIds) {
                        args1.add(String.valueOf(now));
                        args1.add(agent);
                    }
                    try {
                        await(api.zadd(args1));
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        log("presence write failed: " + e.getMessage());
                    }
                }
            }, "presence");
            presence.start();
            Thread.sleep(1_000);

            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                log("warm-up: " + rate + " new conversations/s for " + warmupMs / 1000 + " s");
                int sent = offer(producer, tenant, groups, rate, warmupMs, 0);
                Thread.sleep(2_000); // let the warm-up's decisions finish before the first scrape
                Map<Double, Double> before = histogram(routingPort);
                log("measuring: " + rate + " new conversations/s for " + measureMs / 1000 + " s");
                long start = System.nanoTime();
                int measured = offer(producer, tenant, groups, rate, measureMs, sent);
                double offeredSec = (System.nanoTime() - start) / 1e9;
                Thread.sleep(3_000);
                Map<Double, Double> after = histogram(routingPort);
                presence.interrupt();
                report(rate, measured, offeredSec, agents, groups, capacity, delta(before, after));
            }
        } finally {
            vertx.close();
        }
    }

    /** Opens conversations at a fixed rate (open loop); returns how many were sent. */
    static int offer(KafkaProducer<String, String> producer, String tenant, int groups, int rate, long durationMs,
            int offset) throws Exception {
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        int n = 0;
        while (System.nanoTime() - start < durationMs * 1_000_000) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int id = offset + n;
            String group = "g" + ThreadLocalRandom.current().nextInt(groups);
            String conversation = tenant + "-c" + id;
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("tenant", tenant);
            message.put("conversationId", conversation);
            message.put("newConversation", true);
            message.put("sender", Map.of("kind", "visitor", "id", "visitor-" + id));
            message.put("clientMsgId", "m1");
            message.put("text", "hello");
            message.put("gatewayId", "bench");
            message.put("receivedAt", System.currentTimeMillis());
            message.put("routing", Map.of("group", group, "skills",
                    List.of(group + "-" + "abc".charAt(ThreadLocalRandom.current().nextInt(3))), "vip",
                    id % 10 == 0));
            producer.send(new ProducerRecord<>("parley.inbound", conversation, JSON.writeValueAsString(message)));
            n++;
        }
        producer.flush();
        return n;
    }

    static final Pattern BUCKET = Pattern.compile(
            "^parley_routing_decision_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$");

    /** Cumulative bucket counts of the decision histogram: upper bound (s) -> count. */
    static Map<Double, Double> histogram(int port) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics.body().split("\n")) {
            Matcher m = BUCKET.matcher(line);
            if (m.matches()) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    static Map<Double, Double> delta(Map<Double, Double> before, Map<Double, Double> after) {
        Map<Double, Double> d = new TreeMap<>();
        after.forEach((le, count) -> d.put(le, count - before.getOrDefault(le, 0.0)));
        return d;
    }

    /** The smallest bucket bound holding the q-quantile (an upper bound on it, at the histogram's resolution). */
    static double quantile(Map<Double, Double> cumulative, double q) {
        double total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        for (var e : cumulative.entrySet()) {
            if (e.getValue() >= q * total) {
                return e.getKey();
            }
        }
        return Double.NaN;
    }

    static void report(int rate, int sent, double seconds, int agents, int groups, int capacity,
            Map<Double, Double> window) throws Exception {
        double decisions = window.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        String table = String.format("""
                Routing decisions: %d agents in %d groups (capacity %d each), one routing process, new conversations
                offered at %d/s for %.1f s (%d sent). Latency = parley_routing_decision_seconds (queue head read ->
                agent claimed), as histogram bucket upper bounds, decisions inside the measured window only.

                | offered/s | sent | decisions in window | decisions/s | p50 (ms, <=) | p99 (ms, <=) | p99.9 (ms, <=) |
                |---:|---:|---:|---:|---:|---:|---:|
                | %d | %d | %.0f | %.0f | %.3f | %.3f | %.3f |
                """, agents, groups, capacity, rate, seconds, sent, rate, sent, decisions, decisions / seconds,
                quantile(window, 0.5) * 1000, quantile(window, 0.99) * 1000, quantile(window, 0.999) * 1000);
        System.out.println(table);
        Path out = Path.of("results-routing-" + Instant.now().toString().substring(0, 10) + ".md");
        Files.writeString(out, table);
        log("written " + out.toAbsolutePath());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }

    private RoutingDecisionBench() {
    }
}
