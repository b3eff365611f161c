package io.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.RedisKeys;
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
 * so only decisions made inside the window count. Each scrape waits until routing has decided every
 * conversation sent so far, so the window holds exactly the offered load (no warm-up backlog caught up in it).
 * The warm-up is long (40 s) because a fresh JVM is still compiling routing's hot paths for the first ~30 s.
 * For context the report adds routing's batch figure: a batch's routing plus fan-out, the time the decisions
 * of one batch take together.
 */
public final class RoutingDecisionBench {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int agents = Integer.getInteger("agents", 1000);
        int groups = Integer.getInteger("groups", 50);
        int rate = Integer.getInteger("rate", 500);
        long warmupMs = Long.getLong("warmupSec", 40) * 1000;
        long measureMs = Long.getLong("measureSec", 30) * 1000;
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
        // An older build (-Drepo=<its checkout>, the baseline) runs on a schema newer than it knows.
        env.put("QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS", "*:future");
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
                    args1.add(RedisKeys.onlineAgents(tenant));
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
                Map<Double, Double> before = awaitDecided(routingPort, sent);
                Map<Double, Double> batchesBefore = histogram(routingPort, PUBLISH_BUCKET);
                log("measuring: " + rate + " new conversations/s for " + measureMs / 1000 + " s");
                long start = System.nanoTime();
                int measured = offer(producer, tenant, groups, rate, measureMs, sent);
                double offeredSec = (System.nanoTime() - start) / 1e9;
                Map<Double, Double> after = awaitDecided(routingPort, sent + measured);
                Map<Double, Double> batchesAfter = histogram(routingPort, PUBLISH_BUCKET);
                presence.interrupt();
                report(rate, measured, offeredSec, agents, groups, capacity, delta(before, after),
                        delta(batchesBefore, batchesAfter));
                System.out.printf("Memory: routing peak RSS %d MB (VmHWM), %d MB at the end (-Xmx512m). CPU used by"
                        + " routing from start to end: %.1f s%n%n", routing.peakRssMb(), routing.rssMb(),
                        routing.cpuSeconds());
            }
        } finally {
            forget(db, api, tenant);
            vertx.close();
        }
    }

    /**
     * Removes everything the run's tenant left behind (the test database is shared with the module tests, whose
     * sweepers would otherwise keep draining the queues of a run cut short).
     */
    static void forget(Pool db, RedisAPI api, String tenant) {
        try {
            for (String sql : List.of(
                    "DELETE FROM message WHERE conversation_id IN (SELECT id FROM conversation WHERE tenant_id = $1)",
                    "DELETE FROM audit_log WHERE tenant_id = $1",
                    "DELETE FROM ticket_entry WHERE ticket_id IN (SELECT id FROM ticket WHERE tenant_id = $1)",
                    "DELETE FROM ticket WHERE tenant_id = $1",
                    "DELETE FROM conversation WHERE tenant_id = $1",
                    "DELETE FROM skill_group_member WHERE tenant_id = $1",
                    "DELETE FROM skill_group WHERE tenant_id = $1",
                    "DELETE FROM agent_profile WHERE tenant_id = $1",
                    "DELETE FROM tenant WHERE id = $1")) {
                await(db.preparedQuery(sql).execute(Tuple.of(tenant)));
            }
            List<String> keys = new ArrayList<>();
            await(api.keys("parley:{" + tenant + "}:*")).forEach(key -> keys.add(key.toString()));
            if (!keys.isEmpty()) {
                await(api.del(keys));
            }
            await(api.srem(List.of(RedisKeys.TENANTS_WITH_QUEUES, tenant)));
            log("removed the run's tenant " + tenant);
        } catch (Exception e) {
            log("could not remove the run's tenant " + tenant + ": " + e.getMessage());
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

    static final Pattern DECISION_BUCKET = Pattern.compile(
            "^parley_routing_decision_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$");
    static final Pattern PUBLISH_BUCKET = Pattern.compile(
            "^parley_routing_batch_seconds_bucket\\{(?=[^}]*stage=\"publish\")[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$");

    /** Waits (up to a minute) until routing has decided {@code sent} conversations; the histogram then. */
    static Map<Double, Double> awaitDecided(int port, int sent) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        Map<Double, Double> decisions = histogram(port, DECISION_BUCKET);
        while (decisions.getOrDefault(Double.POSITIVE_INFINITY, 0.0) < sent) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("routing decided only " + decisions.get(Double.POSITIVE_INFINITY)
                        + " of " + sent + " conversations within a minute");
            }
            Thread.sleep(200);
            decisions = histogram(port, DECISION_BUCKET);
        }
        return decisions;
    }

    /** Cumulative bucket counts of one histogram: upper bound (s) -> count. */
    static Map<Double, Double> histogram(int port, Pattern bucket) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics.body().split("\n")) {
            Matcher m = bucket.matcher(line);
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
            Map<Double, Double> window, Map<Double, Double> batches) throws Exception {
        double decisions = window.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        double within2ms = window.getOrDefault(0.002, Double.NaN) / decisions;
        String table = String.format("""
                Routing decisions: %d agents in %d groups (capacity %d each), one routing process, new conversations
                offered at %d/s for %.1f s (%d sent). Latency = parley_routing_decision_seconds (queue head read ->
                agent claimed), as histogram bucket upper bounds, decisions inside the measured window only;
                "<= 2 ms" is read off an exact bucket bound. Batch = parley_routing_batch_seconds{stage="publish"},
                one consumed batch's routing (all its decisions, one after the other) plus fan-out.

                | offered/s | sent | decisions in window | decisions/s | p50 (ms, <=) | p99 (ms, <=) | p99.9 (ms, <=) | decisions <= 2 ms | batches | batch p50 (ms, <=) | batch p99 (ms, <=) |
                |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | %d | %d | %.0f | %.0f | %.3f | %.3f | %.3f | %.2f%% | %.0f | %.1f | %.1f |
                """, agents, groups, capacity, rate, seconds, sent, rate, sent, decisions, decisions / seconds,
                quantile(window, 0.5) * 1000, quantile(window, 0.99) * 1000, quantile(window, 0.999) * 1000,
                within2ms * 100, batches.getOrDefault(Double.POSITIVE_INFINITY, 0.0), quantile(batches, 0.5) * 1000,
                quantile(batches, 0.99) * 1000);
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
