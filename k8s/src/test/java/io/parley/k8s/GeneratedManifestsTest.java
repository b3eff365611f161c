package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The plain manifests for teams without Helm, without a namespace (each overlay sets its own), are the chart's own output, committed: the Kustomize base, the
 * autoscalers in hpa/ and the ServiceMonitors in observability/. Each is rendered here from
 * k8s/kustomize/chart-values.yaml and compared with the committed file, so the two ways of installing never drift
 * ({@code ./mvnw -pl k8s -am test -Dparley.k8s.update=true} rewrites them after a chart change).
 */
class GeneratedManifestsTest {
    static final Path CHART_VALUES = Manifests.KUSTOMIZE.resolve("chart-values.yaml");

    enum Generated {
        BASE("k8s/kustomize/base/parley.yaml", Map.of(),
                kind -> !Set.of("HorizontalPodAutoscaler", "ScaledObject").contains(kind)),
        KEDA("hpa/keda/scaledobjects.yaml", modes("keda"), "ScaledObject"::equals),
        HPA("hpa/hpa/horizontalpodautoscalers.yaml", modes("hpa"), "HorizontalPodAutoscaler"::equals),
        SERVICE_MONITORS("observability/servicemonitors.yaml", Map.of("metrics.serviceMonitor.enabled", true),
                "ServiceMonitor"::equals);

        final Path file;
        final Map<String, Object> sets;
        final Predicate<String> kinds;

        Generated(String file, Map<String, Object> sets, Predicate<String> kinds) {
            this.file = Path.of(file);
            this.sets = sets;
            this.kinds = kinds;
        }

        private static Map<String, Object> modes(String mode) {
            return Map.of("gateway.autoscaling.mode", mode, "routing.autoscaling.mode", mode,
                    "bot.autoscaling.mode", mode);
        }

        String render() {
            List<Map<String, Object>> kept = new ArrayList<>();
            for (Map<String, Object> doc : Manifests.documents(Manifests.helmTemplate(List.of(CHART_VALUES), sets))) {
                if (kinds.test((String) doc.get("kind"))) {
                    // The overlay says which namespace (kustomize's namespace field).
                    ((Map<?, ?>) doc.get("metadata")).remove("namespace");
                    relabel(doc);
                    kept.add(doc);
                }
            }
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setWidth(120);
            return "# Generated from the Helm chart (k8s/helm/parley) with k8s/kustomize/chart-values.yaml by\n"
                    + "# k8s/src/test/java/io/parley/k8s/GeneratedManifestsTest.java. Do not edit: change the chart and run\n"
                    + "#   ./mvnw -pl k8s -am test -Dparley.k8s.update=true\n"
                    + new Yaml(options).dumpAll(kept.iterator());
        }
    }

    /** Not made by Helm: no chart label, managed by Kustomize. */
    @SuppressWarnings("unchecked")
    static void relabel(Object node) {
        if (node instanceof Map<?, ?> map) {
            Object labels = map.get("labels");
            if (labels instanceof Map<?, ?> l && l.containsKey("app.kubernetes.io/managed-by")) {
                ((Map<String, Object>) l).remove("helm.sh/chart");
                ((Map<String, Object>) l).put("app.kubernetes.io/managed-by", "kustomize");
            }
            map.values().forEach(GeneratedManifestsTest::relabel);
        } else if (node instanceof List<?> list) {
            list.forEach(GeneratedManifestsTest::relabel);
        }
    }

    @ParameterizedTest
    @EnumSource(Generated.class)
    void committedFileIsTheChartsOutput(Generated generated) throws IOException {
        String expected = generated.render();
        if (Boolean.getBoolean("parley.k8s.update")) {
            Files.createDirectories(generated.file.getParent());
            Files.writeString(generated.file, expected);
        }
        assertEquals(expected, Files.exists(generated.file) ? Manifests.read(generated.file) : "",
                generated.file + " is stale: ./mvnw -pl k8s -am test -Dparley.k8s.update=true rewrites it");
    }
}
