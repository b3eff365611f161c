package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The security settings on every workload of every scenario, and who may talk to whom: only the gateway is
 * reachable from outside (its Ingress, its NetworkPolicy); routing and the bot only from Prometheus' namespace;
 * every Parley service has a disruption budget; nothing is a NodePort or LoadBalancer.
 */
class WorkloadSecurityTest {

    @ParameterizedTest
    @EnumSource(ChartScenario.class)
    void everyWorkloadIsLockedDown(ChartScenario scenario) {
        List<HasMetadata> objects = Manifests.objects(scenario.render());
        assertFalse(WorkloadChecks.podTemplates(objects).isEmpty());
        assertEquals(List.of(), WorkloadChecks.problems(objects), scenario.name());
    }

    /** The checks themselves: a container without the settings is reported. */
    @Test
    void aContainerWithoutTheSettingsIsReported() {
        List<HasMetadata> objects = Manifests.objects("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {app.kubernetes.io/component: gateway}}
                  template:
                    metadata: {labels: {app.kubernetes.io/component: gateway}}
                    spec:
                      containers: [{name: gateway, image: i, securityContext: {runAsNonRoot: true}}]
                """);
        List<String> problems = WorkloadChecks.problems(objects);
        assertTrue(problems.contains("gateway/gateway: root filesystem writable"), problems.toString());
        assertTrue(problems.contains("gateway/gateway: no readiness probe"), problems.toString());
        assertTrue(problems.contains("gateway: mounts an API token"), problems.toString());
    }

    @ParameterizedTest
    @EnumSource(value = ChartScenario.class, names = { "DEFAULTS", "EVERYTHING" })
    void onlyTheGatewayIsReachableFromOutside(ChartScenario scenario) {
        List<HasMetadata> objects = Manifests.objects(scenario.render());
        Ingress ingress = Manifests.only(objects, Ingress.class);
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertEquals("parley-gateway", path.getBackend().getService().getName());
            assertFalse(path.getPath().startsWith("/q"), "management paths are not routed: " + path.getPath());
        }));
        assertNotNull(ingress.getSpec().getTls(), "TLS on by default");
        for (Service service : Manifests.all(objects, Service.class)) {
            assertEquals("ClusterIP", service.getSpec().getType(), service.getMetadata().getName());
        }
        for (String component : List.of("gateway", "routing", "bot")) {
            NetworkPolicy policy = Manifests.all(objects, NetworkPolicy.class).stream()
                    .filter(p -> component.equals(p.getSpec().getPodSelector().getMatchLabels()
                            .get("app.kubernetes.io/component"))).findFirst().orElseThrow();
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
            assertEquals(1, policy.getSpec().getIngress().size());
            var rule = policy.getSpec().getIngress().get(0);
            assertEquals("http", rule.getPorts().get(0).getPort().getStrVal(), "one port: " + component);
            if (!component.equals("gateway")) {
                assertEquals(1, rule.getFrom().size());
                assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"),
                        rule.getFrom().get(0).getNamespaceSelector().getMatchLabels(), component + " only from Prometheus");
                assertEquals(null, rule.getFrom().get(0).getPodSelector());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChartScenario.class, names = { "DEFAULTS", "EVERYTHING" })
    void everyServiceHasADisruptionBudgetSelectingIt(ChartScenario scenario) {
        List<HasMetadata> objects = Manifests.objects(scenario.render());
        for (Deployment deployment : Manifests.all(objects, Deployment.class)) {
            String component = deployment.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component");
            if (component.equals("valkey")) {
                continue; // one pod by design (docs/operations.md)
            }
            assertTrue(Manifests.all(objects, PodDisruptionBudget.class).stream().anyMatch(pdb -> Objects.equals(
                    pdb.getSpec().getSelector().getMatchLabels(), deployment.getSpec().getSelector().getMatchLabels())),
                    "no PodDisruptionBudget for " + component);
            assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
                    component + ": a rolling update never drops below the replicas it has");
        }
    }
}
