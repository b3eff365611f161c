package io.parley.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The alert rules and dashboards in observability/, and the metric names their queries use. */
final class ObservabilityFiles {
    static final Path RULES = Path.of("observability/prometheus/parley-rules.yaml");
    static final Path DASHBOARDS = Path.of("observability/grafana");
    /**
     * A metric name in PromQL: the families Parley's services export (theirs, Quarkus' HTTP server, the JVM's and
     * the process'), once quoted strings and label matchers are taken out, so label names and values never count.
     */
    private static final Pattern METRIC = Pattern.compile("\\b(?:parley|http|jvm|process|system)_[a-z0-9_]+\\b");

    private ObservabilityFiles() {
    }

    /** Each alert rule as parsed YAML (alert, expr, for, labels, annotations). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts() {
        Map<String, Object> rule = new Yaml().load(Manifests.read(RULES));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }

    static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query: the alerts' expressions, then every dashboard panel's targets. */
    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        alerts().forEach(a -> queries.add((String) a.get("expr")));
        for (Path file : dashboards()) {
            for (JsonNode panel : dashboard(file).path("panels")) {
                panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
            }
            dashboard(file).path("templating").path("list")
                    .forEach(v -> queries.add(v.path("query").path("query").asText("")));
        }
        return queries;
    }

    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "{}");
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(bare);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        queries().forEach(q -> names.addAll(metricNames(q)));
        return names;
    }
}
