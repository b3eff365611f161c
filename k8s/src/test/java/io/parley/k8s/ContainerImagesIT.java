package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The JVM images' Dockerfiles agree with the chart and with what the build makes (no Docker here to build them):
 * every COPY source exists in the service's packaged target/quarkus-app (hence an IT, after the services' package
 * phase), the user is the chart's runAsUser, the exposed port the chart's containerPort, and the tag in the build
 * command is the chart's image repository.
 */
class ContainerImagesIT {

    @ParameterizedTest
    @ValueSource(strings = { "gateway", "routing", "bot" })
    @SuppressWarnings("unchecked")
    void dockerfileMatchesTheChartAndTheBuild(String service) {
        Path module = Path.of("services", service);
        List<String> lines = Manifests.read(module.resolve("src/main/docker/Dockerfile.jvm")).lines().toList();
        Map<String, Object> values = new Yaml().load(Manifests.read(Manifests.CHART.resolve("values.yaml")));
        Map<String, Object> component = (Map<String, Object>) values.get(service);
        Map<String, Object> image = (Map<String, Object>) component.get("image");
        Map<String, Object> security = (Map<String, Object>) values.get("containerSecurityContext");

        int copies = 0;
        for (String line : lines) {
            if (line.startsWith("COPY ")) {
                String[] parts = line.split("\\s+");
                String source = parts[parts.length - 2];
                // "dir/" copies a directory, "dir/*.jar" the jars in it: either way it must find something.
                Path dir = module.resolve(source.endsWith("*.jar") ? source.substring(0, source.length() - 5) : source);
                String glob = source.endsWith("*.jar") ? "*.jar" : "*";
                assertTrue(Files.isDirectory(dir), service + ": COPY " + source + ": no " + dir + " (./mvnw package first)");
                try (var matches = Files.newDirectoryStream(dir, glob)) {
                    assertTrue(matches.iterator().hasNext(), service + ": COPY " + source + " finds nothing");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                copies++;
            }
        }
        assertEquals(4, copies, service + ": the fast-jar layout is four COPY lines");
        assertTrue(lines.contains("USER " + security.get("runAsUser")), service + ": USER is the chart's runAsUser");
        assertTrue(lines.contains("EXPOSE " + component.get("containerPort")), service + ": EXPOSE is the chart's port");
        String repository = image.get("registry") + "/" + image.get("repository");
        assertTrue(lines.stream().anyMatch(l -> l.contains("-t " + repository + ":")),
                service + ": the build command tags " + repository);
    }
}
