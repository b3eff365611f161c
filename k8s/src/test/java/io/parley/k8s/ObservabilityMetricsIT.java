package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or a dashboard panel uses is one the services export in a real run: what routing, the bot
 * and a gateway served on /q/metrics at the end of the gateway module's BotHandoffIT (three processes on the real
 * PostgreSQL, Redis and Kafka; bot answers, handoffs, an agent's reply), saved in services/gateway/target/metrics/.
 * A few counters only exist after their first event (a breached SLA, a dead letter, ...): those are listed below
 * with the service that creates them, and each must be named in that service's source, so the list cannot hide a
 * misspelt metric.
 */
class ObservabilityMetricsIT {
    private static final Path SCRAPED = Path.of("services/gateway/target/metrics");
    /** Metric -> the service whose source creates it when its first event happens. */
    private static final Map<String, String> ON_FIRST_EVENT = Map.of(
            "parley_sla_violations_total", "routing",
            "parley_routing_unstaffed_skill_total", "routing",
            "parley_dead_letters_total", "common",
            "parley_bot_blocked_total", "bot");

    @Test
    void everyMetricTheAlertsAndDashboardsUseIsExported() throws IOException {
        assertTrue(ObservabilityFiles.metricNames().size() >= 25, "metric names read: " + ObservabilityFiles.metricNames());
        Set<String> exported = new TreeSet<>();
        for (String service : new String[] { "routing", "bot", "gateway" }) {
            Path file = SCRAPED.resolve(service + ".prom");
            assertTrue(Files.exists(file), file + " is missing: the gateway module's ITs write it (./mvnw verify)");
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    exported.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        Map<String, String> missing = new TreeMap<>();
        for (String name : ObservabilityFiles.metricNames()) {
            if (exported.contains(name)) {
                continue;
            }
            String service = ON_FIRST_EVENT.get(name);
            if (service == null) {
                missing.put(name, "not exported");
            } else if (!namedInSource(service, name)) {
                missing.put(name, "listed as created on first event by " + service + ", but its source never names it");
            }
        }
        assertEquals(Map.of(), missing);
    }

    /** The Micrometer name in the service's main sources ("parley_x_total" or "parley.x" for parley_x_total). */
    private static boolean namedInSource(String service, String metric) throws IOException {
        String base = metric.replaceAll("_total$", "");
        Set<String> spellings = Set.of("\"" + base + "_total\"", "\"" + base + "\"", "\"" + base.replace('_', '.') + "\"");
        try (Stream<Path> files = Files.walk(Path.of("services", service, "src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                String source = Manifests.read(f);
                return spellings.stream().anyMatch(source::contains);
            });
        }
    }
}
