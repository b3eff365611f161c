package io.parley.bench;

import io.parley.common.Ids;
import io.parley.common.Topics;
import io.parley.common.event.InboundMessage;
import io.parley.common.json.Json;
import io.parley.common.kafka.ConsumerBacklog;
import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import io.parley.testkit.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The autoscalers on real metrics (docs/operations.md, "Scale"): runs routing from its packaged jar, offers it a
 * steady load, a burst it cannot keep up with (a backlog builds on parley.inbound) and the steady load again, and
 * every second records what an autoscaler would see: routing's own exported backlog gauge and CPU (its /q/metrics)
 * and the consumer group's lag read from Kafka directly (what KEDA's Kafka scaler reads). Then it replays the HPA
 * algorithm twice over the series with the chart's settings: "hpa" mode (the exported gauge as Prometheus scrapes
 * it every 15 s) and "keda" mode (the lag from Kafka every 15 s, at most as many replicas as partitions), and writes
 * the series (CSV), the decisions (markdown) and a plot (PNG).
 *
 * <p>The load is the sends a gateway would write: InboundMessage records on parley.inbound, keyed by conversation,
 * from {@code visitors} visitors of a fresh tenant. Settings (system properties, defaults in brackets): baseRate
 * [200], burstRate [6000], baseSec [30], burstSec [45], afterSec [420], visitors [500], repo [..], routingPort
 * [28181], out [docs/autoscaling-simulation.png].
 */
public final class AutoscalingSimulation {
    private static final String GROUP = "parley-routing-sim-" + UUID.randomUUID().toString().substring(0, 8);

    record Sample(long atMs, double cpuCores, double exportedBacklog, double kafkaLag, int rate) {
    }

    public static void main(String[] args) throws Exception {
        int baseRate = Integer.getInteger("baseRate", 200);
        int burstRate = Integer.getInteger("burstRate", 6000);
        long baseMs = Long.getLong("baseSec", 30) * 1000;
        long burstMs = Long.getLong("burstSec", 45) * 1000;
        long afterMs = Long.getLong("afterSec", 420) * 1000;
        int visitors = Integer.getInteger("visitors", 500);
        Path repo = Path.of(System.getProperty("repo", "..")).toAbsolutePath().normalize();
        int port = Integer.getInteger("routingPort", 28181);
        Path png = repo.resolve(System.getProperty("out", "docs/autoscaling-simulation.png"));
        Path logDir = Files.createDirectories(repo.resolve("bench/target"));

        Map<String, String> env = new HashMap<>(Map.of(
                "PARLEY_DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/parley_test",
                "PARLEY_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test",
                "PARLEY_ROUTING_PORT", String.valueOf(port),
                // A group of its own that starts at the end of the topic: only this run's sends count.
                "PARLEY_ROUTING_GROUP", GROUP, "PARLEY_ROUTING_OFFSET_RESET", "latest"));
        String tenant = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        List<Sample> samples = new ArrayList<>();
        String cpuLine;
        try (ServiceProcess routing = ServiceProcess.start("routing", repo.resolve("services/routing"), port, env,
                logDir.resolve("sim-routing.log"), 512, Duration.ofSeconds(90));
                Admin admin = Admin.create(kafka());
                KafkaProducer<String, String> producer = new KafkaProducer<>(kafka(), new StringSerializer(),
                        new StringSerializer())) {
            insertTenant(tenant);
            awaitAssignment(admin);
            AtomicInteger rate = new AtomicInteger(baseRate);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread load = new Thread(() -> offer(producer, tenant, visitors, rate, running), "sim-load");
            load.start();
            long start = System.currentTimeMillis();
            long end = start + baseMs + burstMs + afterMs;
            HttpClient http = HttpClient.newHttpClient();
            double lastCpuSeconds = routing.cpuSeconds();
            long lastAt = System.nanoTime();
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis() - start;
                rate.set(now < baseMs || now >= baseMs + burstMs ? baseRate : burstRate);
                Thread.sleep(1000 - (System.currentTimeMillis() - start) % 1000);
                // CPU from /proc (exact per interval) rather than Micrometer's process_cpu_usage (a smoothed figure).
                double cpuSeconds = routing.cpuSeconds();
                long at = System.nanoTime();
                double cores = (cpuSeconds - lastCpuSeconds) / ((at - lastAt) / 1e9);
                lastCpuSeconds = cpuSeconds;
                lastAt = at;
                samples.add(new Sample(System.currentTimeMillis() - start, cores, exportedBacklog(http, port),
                        lag(admin), rate.get()));
                Sample s = samples.get(samples.size() - 1);
                if (samples.size() % 15 == 0) {
                    log(String.format(Locale.ROOT, "t=%3ds rate %4d/s cpu %.2f cores, exported backlog %.0f, lag %.0f",
                            s.atMs() / 1000, s.rate(), s.cpuCores(), s.exportedBacklog(), s.kafkaLag()));
                }
            }
            running.set(false);
            load.join();
            cpuLine = String.format(Locale.ROOT, "routing: peak RSS %d MB, %.1f CPU seconds", routing.peakRssMb(),
                    routing.cpuSeconds());
        }

        // max replicas = the partitions of parley.inbound, in both modes (the chart refuses more).
        HpaReplay.Settings chart = HpaReplay.Settings.chart(12);
        List<HpaReplay.Decision> hpa = replay(samples, chart, false);
        List<HpaReplay.Decision> keda = replay(samples, chart, true);
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        Files.writeString(logDir.resolve("autoscaling-" + date + ".csv"), csv(samples));
        String report = report(samples, hpa, keda, baseRate, burstRate, baseMs, burstMs, afterMs, visitors, cpuLine);
        Files.writeString(repo.resolve("bench/results-autoscaling-" + date + ".md"), report);
        AutoscalingPlot.write(png, samples, hpa, keda, baseMs, burstMs);
        System.out.println(report);
        log("written " + png + " and bench/results-autoscaling-" + date + ".md");
        System.exit(0);
    }

    /**
     * The HPA as each mode would run it: every 15 s, the metric as its source has it then. In "hpa" mode the
     * backlog is Prometheus' latest scrape (every 15 s) of the exported gauge; in "keda" mode KEDA's read of the
     * lag at the sync. CPU is the mean over the last 15 s in both (metrics-server's window is similar).
     */
    static List<HpaReplay.Decision> replay(List<Sample> samples, HpaReplay.Settings settings, boolean keda) {
        HpaReplay hpa = new HpaReplay(settings);
        List<HpaReplay.Decision> decisions = new ArrayList<>();
        for (int i = 14; i < samples.size(); i += 15) {
            Sample now = samples.get(i);
            double cpu = samples.subList(i - 14, i + 1).stream().mapToDouble(Sample::cpuCores).average().orElse(0);
            double backlog = keda ? now.kafkaLag() : samples.get(Math.max(0, i - 7)).exportedBacklog();
            decisions.add(hpa.sync(now.atMs(), cpu, backlog));
        }
        return decisions;
    }

    /** Sends as gateways write them: each visitor's conversation keeps its id, so its sends share a partition. */
    private static void offer(KafkaProducer<String, String> producer, String tenant, int visitors, AtomicInteger rate,
            AtomicBoolean running) {
        long next = System.nanoTime();
        long n = 0;
        while (running.get()) {
            int v = (int) (n % visitors);
            String visitor = "v-" + tenant + "-" + v;
            String conversation = Ids.nextConversationId(tenant, visitor, null);
            InboundMessage send = new InboundMessage(tenant, conversation, true, Participant.visitor(visitor, null),
                    "sim-" + n, "message " + n, "sim", System.currentTimeMillis(), RoutingHints.NONE);
            producer.send(new ProducerRecord<>(Topics.INBOUND, conversation, Json.write(send)));
            n++;
            next += 1_000_000_000L / rate.get();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        producer.flush();
    }

    private static double exportedBacklog(HttpClient http, int port) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith("parley_messages_backlog{") && l.contains("\"" + Topics.INBOUND + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * The group's lag on parley.inbound, as KEDA's Kafka scaler reads it: the same arithmetic as the exported gauge
     * (ConsumerBacklog), read here directly and every second.
     */
    private static double lag(Admin admin) throws Exception {
        var committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        List<TopicPartition> partitions = committed.keySet().stream().filter(p -> p.topic().equals(Topics.INBOUND))
                .toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ConsumerBacklog.backlog(partitions, committed, ends, Map.of());
    }

    /** Routing's consumer has its partitions (and committed a position on each) before the load starts. */
    private static void awaitAssignment(Admin admin) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            var committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            if (committed.keySet().stream().filter(p -> p.topic().equals(Topics.INBOUND)).count() >= 12) {
                return;
            }
            Thread.sleep(500);
        }
        log("routing's group has not committed on every partition yet; starting anyway");
    }

    private static Properties kafka() {
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:9092");
        p.put("linger.ms", "5");
        return p;
    }

    private static void insertTenant(String tenant) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool db = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432)
                .setDatabase("parley_test").setUser("parley").setPassword("parley")).using(vertx).build();
        try {
            db.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").execute(Tuple.of(tenant))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            db.close();
            vertx.close();
        }
    }

    private static String csv(List<Sample> samples) {
        StringBuilder out = new StringBuilder("t_s,offered_rate,cpu_cores,exported_backlog,kafka_lag\n");
        samples.forEach(s -> out.append(String.format(Locale.ROOT, "%d,%d,%.3f,%.0f,%.0f%n", s.atMs() / 1000,
                s.rate(), s.cpuCores(), s.exportedBacklog(), s.kafkaLag())));
        return out.toString();
    }

    private static String report(List<Sample> samples, List<HpaReplay.Decision> hpa, List<HpaReplay.Decision> keda,
            int baseRate, int burstRate, long baseMs, long burstMs, long afterMs, int visitors, String cpuLine) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# Autoscaling on real metrics, %s%n%n", LocalDate.now(ZoneOffset.UTC)));
        out.append(String.format(Locale.ROOT, "Routing alone (one process, -Xmx512m), %d visitors' sends on parley.inbound:"
                + " %d/s for %d s, %d/s for %d s, %d/s for %d s. %s.%n%n", visitors, baseRate, baseMs / 1000, burstRate,
                burstMs / 1000, baseRate, afterMs / 1000, cpuLine));
        out.append(String.format(Locale.ROOT, "Peak Kafka lag %.0f records, peak exported backlog %.0f, peak CPU %.2f cores.%n%n",
                samples.stream().mapToDouble(Sample::kafkaLag).max().orElse(0),
                samples.stream().mapToDouble(Sample::exportedBacklog).max().orElse(0),
                samples.stream().mapToDouble(Sample::cpuCores).max().orElse(0)));
        out.append("| t (s) | CPU (cores, 15 s mean) | backlog hpa sees | CPU proposal | backlog proposal | hpa replicas | lag keda sees | keda replicas |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < hpa.size(); i++) {
            HpaReplay.Decision h = hpa.get(i);
            HpaReplay.Decision k = keda.get(i);
            out.append(String.format(Locale.ROOT, "| %d | %.2f | %.0f | %d | %d | %d | %.0f | %d |%n", h.atMs() / 1000,
                    h.cpuCores(), h.backlog(), h.cpuProposal(), h.backlogProposal(), h.replicas(), k.backlog(),
                    k.replicas()));
        }
        return out.toString();
    }

    private static void log(String line) {
        System.err.println("[sim] " + line);
    }
}
