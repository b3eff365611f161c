package io.parley.bench;

import io.parley.testkit.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency of the durable chat path (visitor -> gateway -> Kafka -> routing -> PostgreSQL -> Kafka ->
 * gateway -> agent) at fixed open-loop rates, next to a raw Kafka produce->consume baseline on the same broker.
 *
 * <p>Settings are system properties (defaults in brackets): rates [200,1000,3000], warmupSec [3], measureSec [20],
 * drainSec [5], agents [20], visitors [200], repo [..], gatewayPort [28080], routingPort [28081].
 */
public final class ChatLatencyBench {
    static final String ORIGIN = "https://bench.example";

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream(System.getProperty("rates", "200,1000,3000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        long warmupMs = Long.getLong("warmupSec", 3) * 1000;
        long measureMs = Long.getLong("measureSec", 20) * 1000;
        long drainMs = Long.getLong("drainSec", 5) * 1000;
        int agentCount = Integer.getInteger("agents", 20);
        int visitorCount = Integer.getInteger("visitors", 200);
        Path repo = Path.of(System.getProperty("repo", "..")).toAbsolutePath().normalize();
        int gatewayPort = Integer.getInteger("gatewayPort", 28080);
        int routingPort = Integer.getInteger("routingPort", 28081);
        Path logDir = repo.resolve("bench/target");
        Files.createDirectories(logDir);

        AgentTokens tokens = new AgentTokens();
        Map<String, String> database = Map.of(
                "PARLEY_DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/parley_test",
                "PARLEY_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
        Map<String, String> routingEnv = new HashMap<>(database);
        routingEnv.put("PARLEY_ROUTING_PORT", String.valueOf(routingPort));
        // An older build (-Drepo=<its checkout>, the baseline) runs on a schema newer than it knows.
        routingEnv.put("QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS", "*:future");
        Map<String, String> gatewayEnv = new HashMap<>(database);
        gatewayEnv.put("PARLEY_GATEWAY_PORT", String.valueOf(gatewayPort));
        gatewayEnv.put("QUARKUS_PROFILE", "static-key");
        gatewayEnv.put("PARLEY_OIDC_PUBLIC_KEY", tokens.publicKeyBase64());
        gatewayEnv.put("PARLEY_OIDC_ISSUER", AgentTokens.ISSUER);
        // The per-socket send limit protects production; here it would cap the offered load.
        gatewayEnv.put("PARLEY_SEND_RATE", "100000");
        gatewayEnv.put("PARLEY_SEND_BURST", "100000");
        // a packaged gateway needs a visitor token secret of its own
        gatewayEnv.put("PARLEY_VISITOR_TOKEN_SECRET", "bench-" + UUID.randomUUID() + UUID.randomUUID());

        Vertx vertx = Vertx.vertx();
        List<ChatLoad.Result> chat = new ArrayList<>();
        List<KafkaBaseline.Result> kafka = new ArrayList<>();
        // The Kafka baseline runs first, on a quiet machine: if the chat path falls behind at high rates, its
        // backlog would otherwise keep the CPUs busy during the baseline.
        try (KafkaBaseline baseline = new KafkaBaseline("127.0.0.1:9092")) {
            for (int rate : rates) {
                log("raw Kafka at " + rate + " msg/s");
                kafka.add(baseline.run(rate, warmupMs, measureMs, drainMs));
            }
        }
        log("starting routing on " + routingPort + " and gateway on " + gatewayPort);
        String memory;
        try (ServiceProcess routing = ServiceProcess.start("routing", repo.resolve("services/routing"),
                routingPort, routingEnv, logDir.resolve("bench-routing.log"), 512, Duration.ofSeconds(90));
                ServiceProcess gateway = ServiceProcess.start("gateway", repo.resolve("services/gateway"),
                gatewayPort, gatewayEnv, logDir.resolve("bench-gateway.log"), 512, Duration.ofSeconds(90))) {
            String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            // Every visitor needs an agent: capacity (default 5) is raised so all conversations get assigned.
            insertTenant(vertx, tenant, agentCount, (visitorCount + agentCount - 1) / agentCount);
            try (ChatLoad load = new ChatLoad(vertx, gateway.port, tenant, ORIGIN)) {
                load.connectAgents(tokens, agentCount);
                Thread.sleep(1500); // presence heartbeats must reach routing before conversations get assigned
                log("agents online; connecting " + visitorCount + " visitors of tenant " + tenant);
                load.connectVisitors(visitorCount);
                for (int rate : rates) {
                    log("chat path at " + rate + " msg/s");
                    ChatLoad.Result r = load.run(rate, warmupMs, measureMs, drainMs);
                    log(String.format(Locale.ROOT, "  sent %d, delivered %d, p50 %.1f ms, p99 %.1f ms, errors %d",
                            r.sent(), r.delivery().count(), r.delivery().p50(), r.delivery().p99(), r.errors()));
                    chat.add(r);
                }
            }
            memory = String.format(Locale.ROOT, "Memory (-Xmx512m each): routing peak RSS %d MB, gateway peak RSS %d MB"
                    + " (VmHWM, %d visitor and %d agent sockets open). CPU used from start to end (all rates, with"
                    + " start-up and warm-ups): routing %.1f s, gateway %.1f s%n", routing.peakRssMb(),
                    gateway.peakRssMb(), visitorCount, agentCount, routing.cpuSeconds(), gateway.cpuSeconds());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        String report = Report.markdown(chat, kafka, agentCount, visitorCount, measureMs) + "\n" + memory;
        System.out.println(report);
        Path out = repo.resolve("bench/results-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(out, report);
        log("written " + out);
        System.exit(0); // Kafka and Vert.x leave non-daemon threads behind
    }

    static void insertTenant(Vertx vertx, String tenant, int agents, int capacity) throws Exception {
        Pool db = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432)
                .setDatabase("parley_test").setUser("parley").setPassword("parley")).using(vertx).build();
        try {
            db.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                    .execute(Tuple.of(tenant, (Object) new String[] { ORIGIN })).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int a = 0; a < agents; a++) {
                db.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, capacity) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(tenant, "agent-" + a, capacity)).toCompletionStage()
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } finally {
            db.close();
        }
    }

    private static void log(String line) {
        System.err.println("[bench] " + line);
    }
}
