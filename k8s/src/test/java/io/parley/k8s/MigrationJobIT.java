package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.parley.testkit.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's migration Job does what it says: the routing jar (the image's entrypoint runs it) with the Job's own
 * switches (QUARKUS_INIT_AND_EXIT, QUARKUS_FLYWAY_MIGRATE_AT_START, the prod profile), pointed at an empty test
 * database, applies every migration and exits 0 by itself; and it logs as the chart's pods do, one JSON object per
 * line. The addresses and the password are this machine's instead of the cluster's; everything else is taken from
 * the rendered Job.
 */
class MigrationJobIT {
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/parley_test";

    @Test
    void theJobsRoutingMigratesAnEmptyDatabaseAndExits() throws Exception {
        List<HasMetadata> objects = Manifests.objects(ChartScenario.EVERYTHING.render());
        Job job = Manifests.only(objects, Job.class);
        Map<String, String> env = new HashMap<>();
        for (EnvVar var : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT"));
        assertEquals("true", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
        env.putAll(Map.of("PARLEY_DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/parley_test", "PARLEY_DB_JDBC_URL",
                JDBC, "PARLEY_DB_PASSWORD", "parley", "PARLEY_REDIS_URL", "redis://127.0.0.1:6379",
                "PARLEY_KAFKA_BOOTSTRAP", "127.0.0.1:9092", "QUARKUS_HTTP_PORT", "28991"));
        env.remove("JAVA_OPTS_APPEND"); // read by the image's run-java.sh, not by java itself

        TestDatabase.empty(JDBC, "parley", "parley");
        Path jar = Path.of("services/routing/target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is not packaged (./mvnw verify builds it before this module)");
        File log = Path.of("k8s/target/migration-job.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the Job's process did not exit by itself; see " + log);
        assertEquals(0, process.exitValue(), "see " + log);
        List<String> lines = Files.readAllLines(log.toPath()).stream().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() > 10, "log lines: " + lines.size());
        for (String line : lines) {
            JsonNode entry = new ObjectMapper().readTree(line);
            assertTrue(entry.hasNonNull("level") && entry.hasNonNull("message"), "not a JSON log line: " + line);
        }

        long migrations;
        try (Stream<Path> files = Files.list(Path.of("services/routing/src/main/resources/db/migration"))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        try (Connection db = DriverManager.getConnection(JDBC, "parley", "parley");
                ResultSet rows = db.createStatement().executeQuery(
                        "SELECT count(*), bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            rows.next();
            assertEquals(migrations, rows.getLong(1), "every migration applied");
            assertTrue(rows.getBoolean(2), "and every one succeeded");
        }
    }
}
