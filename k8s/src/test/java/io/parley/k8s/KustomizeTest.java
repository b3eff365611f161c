package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kustomize overlays render with {@code kubectl kustomize}, every object parses strictly, every workload keeps
 * the security settings, and the prod overlay holds the same objects the chart installs with autoscaling and
 * monitoring on.
 */
class KustomizeTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void overlayRendersValidLockedDownObjects(String overlay) {
        List<HasMetadata> objects = Manifests.objects(Manifests.kustomize(Manifests.KUSTOMIZE.resolve("overlays/" + overlay)));
        for (HasMetadata object : objects) {
            if (StrictModel.isModelled(object)) {
                assertEquals(List.of(), StrictModel.unknownFields(object), overlay);
            } else {
                assertTrue(ChartRenderTest.UNMODELLED.contains(object.getKind()), object.getKind());
            }
            assertEquals("dev".equals(overlay) ? "parley-dev" : "parley", object.getMetadata().getNamespace());
        }
        assertEquals(List.of(), WorkloadChecks.problems(objects), overlay);
    }

    @Test
    void prodHoldsWhatTheChartInstallsWithAutoscalingAndMonitoring() {
        String chart = Manifests.helmTemplate(List.of(GeneratedManifestsTest.CHART_VALUES), Map.of(
                "gateway.autoscaling.mode", "keda", "routing.autoscaling.mode", "keda", "bot.autoscaling.mode", "keda",
                "metrics.serviceMonitor.enabled", true, "metrics.prometheusRule.enabled", true,
                "metrics.dashboards.enabled", true));
        String prod = Manifests.kustomize(Manifests.KUSTOMIZE.resolve("overlays/prod"));
        assertEquals(ids(chart), ids(prod));
        for (Deployment d : Manifests.all(Manifests.objects(prod), Deployment.class)) {
            assertEquals(null, d.getSpec().getReplicas(), d.getMetadata().getName() + ": the autoscaler owns replicas");
        }
    }

    @Test
    void devRunsOneOfEachWithoutAutoscalers() {
        List<HasMetadata> dev = Manifests.objects(Manifests.kustomize(Manifests.KUSTOMIZE.resolve("overlays/dev")));
        for (Deployment d : Manifests.all(dev, Deployment.class)) {
            assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName());
        }
        assertTrue(dev.stream().noneMatch(o -> Set.of("ScaledObject", "HorizontalPodAutoscaler").contains(o.getKind())));
    }

    private static Set<String> ids(String yaml) {
        return Manifests.objects(yaml).stream().map(o -> o.getKind() + "/" + o.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
