package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and dashboards hold together offline: every alert has a severity and a runbook paragraph in
 * docs/operations.md, every dashboard panel a query, the chart installs exactly these rules and dashboards, and
 * the metric-name reading used by ObservabilityMetricsIT sees names and nothing else. Whether the services export
 * those metrics is ObservabilityMetricsIT's question (a real run).
 */
class ObservabilityFilesTest {

    @Test
    void everyAlertHasASeverityAndARunbookThatExists() {
        String operations = Manifests.read(Path.of("docs/operations.md")).toLowerCase(Locale.ROOT);
        List<Map<String, Object>> alerts = ObservabilityFiles.alerts();
        assertTrue(alerts.size() >= 9, "alerts: " + alerts.size());
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertTrue(Set.of("warning", "critical").contains(((Map<?, ?>) alert.get("labels")).get("severity")), name);
            String runbook = (String) ((Map<?, ?>) alert.get("annotations")).get("runbook");
            assertEquals("docs/operations.md#" + name.toLowerCase(Locale.ROOT), runbook);
            assertTrue(operations.contains("\n#### " + name.toLowerCase(Locale.ROOT) + "\n"),
                    "docs/operations.md has no runbook heading '#### " + name + "'");
        }
    }

    @Test
    void everyPanelHasAQueryAndEveryDashboardAnId() {
        List<Path> dashboards = ObservabilityFiles.dashboards();
        assertEquals(5, dashboards.size());
        for (Path file : dashboards) {
            JsonNode dashboard = ObservabilityFiles.dashboard(file);
            assertEquals(file.getFileName().toString().replace(".json", ""), dashboard.path("uid").asText());
            assertFalse(dashboard.path("panels").isEmpty(), file.toString());
            for (JsonNode panel : dashboard.path("panels")) {
                assertFalse(panel.path("targets").isEmpty(), file + ": " + panel.path("title"));
                panel.path("targets").forEach(t -> assertFalse(ObservabilityFiles.metricNames(t.path("expr").asText())
                        .isEmpty(), file + ": " + panel.path("title") + " queries no metric"));
            }
        }
    }

    @Test
    void theChartInstallsTheseRulesAndDashboards() {
        List<HasMetadata> objects = Manifests.objects(ChartScenario.EVERYTHING.render());
        PrometheusRule rule = Manifests.only(objects, PrometheusRule.class);
        assertEquals(ObservabilityFiles.alerts().size(),
                rule.getSpec().getGroups().stream().mapToInt(g -> g.getRules().size()).sum());
        long dashboards = Manifests.all(objects, ConfigMap.class).stream()
                .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard"))).count();
        assertEquals(ObservabilityFiles.dashboards().size(), dashboards);
    }

    @Test
    void metricNamesAreReadWithoutLabelsOrFunctions() {
        assertEquals(Set.of("parley_messages_published_total", "parley_messages_sequenced_total"),
                ObservabilityFiles.metricNames("sum(rate(parley_messages_published_total[5m])) / sum by (result) "
                        + "(rate(parley_messages_sequenced_total{result=\"stored\",job=~\"parley_x\"}[5m]))"));
        assertEquals(Set.of("parley_delivery_latency_seconds_bucket"), ObservabilityFiles.metricNames(
                "histogram_quantile(0.95, sum by (le) (rate(parley_delivery_latency_seconds_bucket[5m])))"));
    }
}
