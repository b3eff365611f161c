package io.parley.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The value sets the chart is rendered with in these tests (the files are in k8s/helm/parley/ci/). */
enum ChartScenario {
    DEFAULTS(),
    EVERYTHING("everything-values.yaml"),
    MINIMAL("minimal-values.yaml"),
    BOT_FILES("bot-files-values.yaml");

    private final List<Path> valuesFiles;

    ChartScenario(String... files) {
        this.valuesFiles = java.util.Arrays.stream(files).map(f -> Manifests.CHART.resolve("ci").resolve(f)).toList();
    }

    List<Path> valuesFiles() {
        return valuesFiles;
    }

    String render() {
        return Manifests.helmTemplate(valuesFiles, Map.of());
    }
}
