package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Autoscaling as hpa/ describes it: per service a KEDA ScaledObject or a plain HPA, never both; routing and the bot
 * on CPU 70% and their consumer group's backlog (1000 per replica), the gateway on CPU and open sockets; never more
 * replicas than the partitions of the topic a service consumes.
 */
class AutoscalingTest {
    private static final Map<String, String> CONSUMES = Map.of("parley-routing", "parley.inbound", "parley-bot",
            "parley.messages");

    @ParameterizedTest
    @EnumSource(ChartScenario.class)
    void oneAutoscalerAtMostPerServiceAndNeverMoreReplicasThanPartitions(ChartScenario scenario) {
        List<HasMetadata> objects = Manifests.objects(scenario.render());
        Map<String, Integer> scalers = new HashMap<>();
        Map<String, Integer> max = new HashMap<>();
        for (HorizontalPodAutoscaler hpa : Manifests.all(objects, HorizontalPodAutoscaler.class)) {
            scalers.merge(hpa.getSpec().getScaleTargetRef().getName(), 1, Integer::sum);
            max.put(hpa.getSpec().getScaleTargetRef().getName(), hpa.getSpec().getMaxReplicas());
        }
        for (Map<String, Object> spec : scaledObjects(objects)) {
            String target = (String) ((Map<?, ?>) spec.get("scaleTargetRef")).get("name");
            scalers.merge(target, 1, Integer::sum);
            max.put(target, (Integer) spec.get("maxReplicaCount"));
        }
        scalers.forEach((target, count) -> assertEquals(1, count, target + " has " + count + " autoscalers"));
        Map<String, Integer> partitions = partitions();
        CONSUMES.forEach((deployment, topic) -> {
            if (max.containsKey(deployment)) {
                assertTrue(max.get(deployment) <= partitions.get(topic),
                        deployment + " may scale to " + max.get(deployment) + " > " + partitions.get(topic));
            }
        });
        for (Deployment d : Manifests.all(objects, Deployment.class)) {
            boolean scaled = scalers.containsKey(d.getMetadata().getName());
            assertEquals(scaled, d.getSpec().getReplicas() == null,
                    d.getMetadata().getName() + ": replicas are set exactly when no autoscaler owns them");
        }
    }

    @Test
    void hpaModeScalesOnCpuAndBacklogOrSockets() {
        List<HasMetadata> objects = Manifests.objects(ChartScenario.DEFAULTS.render());
        Map<String, HorizontalPodAutoscaler> byTarget = new HashMap<>();
        Manifests.all(objects, HorizontalPodAutoscaler.class)
                .forEach(h -> byTarget.put(h.getSpec().getScaleTargetRef().getName(), h));
        assertEquals(3, byTarget.size());
        CONSUMES.forEach((deployment, topic) -> {
            List<MetricSpec> metrics = byTarget.get(deployment).getSpec().getMetrics();
            assertEquals(70, metrics.get(0).getResource().getTarget().getAverageUtilization());
            var external = metrics.get(1).getExternal();
            assertEquals("parley_messages_backlog", external.getMetric().getName());
            assertEquals(Map.of("topic", topic, "group", deployment), external.getMetric().getSelector().getMatchLabels());
            assertEquals("AverageValue", external.getTarget().getType());
            assertEquals("1000", external.getTarget().getAverageValue().toString());
        });
        var pods = byTarget.get("parley-gateway").getSpec().getMetrics().get(1).getPods();
        assertEquals("parley_gateway_connections", pods.getMetric().getName());
    }

    @Test
    @SuppressWarnings("unchecked")
    void kedaModeReadsTheConsumerGroupsLagAndThePrometheusSocketCount() {
        List<HasMetadata> objects = Manifests.objects(ChartScenario.EVERYTHING.render());
        assertEquals(List.of(), Manifests.all(objects, HorizontalPodAutoscaler.class));
        Map<String, Map<String, Object>> byTarget = new HashMap<>();
        scaledObjects(objects).forEach(s -> byTarget.put((String) ((Map<?, ?>) s.get("scaleTargetRef")).get("name"), s));
        assertEquals(3, byTarget.size());
        CONSUMES.forEach((deployment, topic) -> {
            List<Map<String, Object>> triggers = (List<Map<String, Object>>) byTarget.get(deployment).get("triggers");
            assertEquals("cpu", triggers.get(0).get("type"));
            assertEquals("70", ((Map<?, ?>) triggers.get(0).get("metadata")).get("value"));
            assertEquals("kafka", triggers.get(1).get("type"));
            Map<String, Object> kafka = (Map<String, Object>) triggers.get(1).get("metadata");
            assertEquals(topic, kafka.get("topic"));
            assertEquals(deployment, kafka.get("consumerGroup"));
            assertEquals("1000", kafka.get("lagThreshold"));
        });
        List<Map<String, Object>> gateway = (List<Map<String, Object>>) byTarget.get("parley-gateway").get("triggers");
        assertEquals("prometheus", gateway.get(1).get("type"));
        assertTrue(((String) ((Map<?, ?>) gateway.get(1).get("metadata")).get("query"))
                .contains("parley_gateway_connections"));
    }

    @Test
    void moreReplicasThanPartitionsIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Manifests.helmTemplate(List.of(), Map.of("routing.autoscaling.maxReplicas", 13)));
        assertTrue(refused.getMessage().contains("above the 12 partitions of parley.inbound"), refused.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAdapterRuleServesTheBacklogOncePerGroup() {
        Map<String, Object> values = new Yaml().load(Manifests.read(java.nio.file.Path.of(
                "hpa/prometheus-adapter-values.yaml")));
        List<Map<String, Object>> external = (List<Map<String, Object>>) ((Map<String, Object>) values.get("rules"))
                .get("external");
        Map<String, Object> rule = external.stream()
                .filter(r -> ((String) r.get("seriesQuery")).contains("parley_messages_backlog")).findFirst().orElseThrow();
        assertEquals("parley_messages_backlog", ((Map<?, ?>) rule.get("name")).get("as"));
        assertTrue(((String) rule.get("metricsQuery")).contains("max by (topic, group)"), "every replica reports the group's lag");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> scaledObjects(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o.getKind().equals("ScaledObject"))
                .map(o -> (Map<String, Object>) ((GenericKubernetesResource) o).getAdditionalProperties().get("spec"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Integer> partitions() {
        Map<String, Object> values = new Yaml().load(Manifests.read(Manifests.CHART.resolve("values.yaml")));
        Map<String, Map<String, Object>> topics = (Map<String, Map<String, Object>>) ((Map<String, Object>) values
                .get("kafka")).get("topics");
        Map<String, Integer> partitions = new HashMap<>();
        topics.values().forEach(t -> partitions.put((String) t.get("name"), (Integer) t.get("partitions")));
        return partitions;
    }
}
