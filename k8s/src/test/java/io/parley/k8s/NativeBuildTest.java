package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of the native build without GraalVM or a container runtime (native-build/README.md): the
 * Dockerfiles refer to what exists and agree with the chart, the native profile exists and leaves the bot on the
 * JVM.
 */
class NativeBuildTest {

    @ParameterizedTest
    @ValueSource(strings = { "gateway", "routing" })
    @SuppressWarnings("unchecked")
    void microImageRunsTheRunnerAsTheChartsUserOnItsPort(String service) {
        List<String> lines = Manifests.read(Path.of("services", service, "src/main/docker/Dockerfile.native-micro"))
                .lines().toList();
        Map<String, Object> values = new Yaml().load(Manifests.read(Manifests.CHART.resolve("values.yaml")));
        Map<String, Object> component = (Map<String, Object>) values.get(service);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY ") && l.contains("target/*-runner")));
        assertTrue(lines.contains("USER " + ((Map<?, ?>) values.get("containerSecurityContext")).get("runAsUser")));
        assertTrue(lines.contains("EXPOSE " + component.get("containerPort")));
    }

    @Test
    void multistageBuildCopiesWhatTheRepositoryHas() {
        List<String> lines = Manifests.read(Path.of("native-build/Dockerfile.native-multistage")).lines().toList();
        int copies = 0;
        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    if (!parts[i].startsWith("--")) {
                        assertTrue(Files.exists(Path.of(parts[i])), "COPY " + parts[i] + " does not exist");
                        copies++;
                    }
                }
            }
        }
        assertEquals(5, copies, "mvnw, pom.xml, .mvn, services, k8s/pom.xml");
        assertTrue(lines.contains("ARG SERVICE=gateway"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("-pl services/${SERVICE} -am package -Pnative")));
        assertTrue(Files.isExecutable(Path.of("native-build/build-images.sh")));
    }

    @Test
    void theNativeProfileLeavesTheBotOnTheJvm() {
        String root = Manifests.read(Path.of("pom.xml"));
        assertTrue(root.contains("<id>native</id>") && root.contains("<quarkus.native.enabled>true</quarkus.native.enabled>"));
        String bot = Manifests.read(Path.of("services/bot/pom.xml"));
        assertTrue(bot.contains("<id>native</id>") && bot.contains("<quarkus.native.enabled>false</quarkus.native.enabled>"));
    }
}
