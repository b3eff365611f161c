package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chart renders with Helm's own engine under every scenario, passes `helm lint`, and every object it renders is
 * read strictly against the Kubernetes API model. Custom resources without a model here are named exactly, so what
 * is not schema-checked is known (docs/operations.md says the same).
 */
class ChartRenderTest {
    /** Kinds whose operators publish no Java model resolvable here: rendered and parsed as YAML, fields unchecked. */
    static final Set<String> UNMODELLED = Set.of("ScaledObject", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster",
            "ScheduledBackup", "Keycloak", "KeycloakRealmImport");

    /** The check itself: a misspelt field deep in a pod template, and a field at the top of a Service. */
    @Test
    void strictReadingFindsFieldsKubernetesWouldReject() {
        List<HasMetadata> objects = Manifests.objects("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          securityContext: {readOnlyRootFilesytem: true}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spc: {type: ClusterIP}
                """);
        assertEquals(List.of("Deployment/d: spec.template.spec.containers[0].securityContext unknown field "
                + "readOnlyRootFilesytem"), StrictModel.unknownFields(objects.get(0)));
        assertEquals(List.of("Service/s: unknown field spc"), StrictModel.unknownFields(objects.get(1)));
    }

    @ParameterizedTest
    @EnumSource(ChartScenario.class)
    void everyObjectIsValidKubernetes(ChartScenario scenario) {
        List<HasMetadata> objects = Manifests.objects(scenario.render());
        assertFalse(objects.isEmpty());
        for (HasMetadata object : objects) {
            if (StrictModel.isModelled(object)) {
                assertEquals(List.of(), StrictModel.unknownFields(object), scenario + ": fields Kubernetes rejects");
            } else {
                assertTrue(UNMODELLED.contains(object.getKind()), object.getKind() + " parsed without a model");
            }
            assertEquals(Manifests.NAMESPACE, object.getMetadata().getNamespace(),
                    object.getKind() + "/" + object.getMetadata().getName() + " is not in the release's namespace");
            assertTrue(object.getMetadata().getName().length() <= 63, object.getMetadata().getName());
        }
    }

    /** helm lint --strict (helm-java lints with the chart's own values only). */
    @Test
    void lintPasses() {
        LintResult result = new Helm(Manifests.CHART).lint().strict().call();
        assertFalse(result.isFailed(), String.valueOf(result.getMessages()));
    }

    @Test
    void everythingRendersEveryKindTheChartHas() {
        Set<String> kinds = Manifests.objects(ChartScenario.EVERYTHING.render()).stream().map(HasMetadata::getKind)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("ConfigMap", "Deployment", "Service", "ServiceAccount",
                "PodDisruptionBudget", "NetworkPolicy", "Ingress", "Job", "ScaledObject", "ServiceMonitor",
                "PrometheusRule", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "ScheduledBackup", "Keycloak",
                "KeycloakRealmImport")), kinds);
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedBySchema() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Manifests.helmTemplate(List.of(), Map.of("gateway.replicaCount", "two")));
        assertTrue(refused.getMessage().contains("replicaCount"), refused.getMessage());
        refused = assertThrows(IllegalStateException.class,
                () -> Manifests.helmTemplate(List.of(), Map.of("gateway.replicas", "3")));
        assertTrue(refused.getMessage().contains("replicas"), refused.getMessage());
    }

    @Test
    void badValuesFailWithAMessageSayingWhy() throws IOException {
        assertRefused("gateway: {resourcesPreset: huge}", "resourcesPreset");
        assertRefused("bot: {files: {\"acme/../../etc/passwd\": x}}", "must be a relative path");
        assertRefused("bot: {files: {\"/etc/passwd\": x}}", "must be a relative path");
        assertRefused("bot: {gitSync: {enabled: true}}", "bot.gitSync.repo is required");
        assertRefused("routing: {autoscaling: {mode: sometimes}}", "mode");
    }

    private static void assertRefused(String values, String why) throws IOException {
        Path file = Files.createTempFile("parley-values", ".yaml");
        try {
            Files.writeString(file, values);
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> Manifests.helmTemplate(List.of(file), Map.of()));
            assertTrue(refused.getMessage().contains(why), refused.getMessage());
        } finally {
            Files.delete(file);
        }
    }
}
