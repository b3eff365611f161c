package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/operations.md names the chart's values as they are: every `key.path` it writes that starts with one of the
 * chart's top-level keys resolves in values.yaml ({@code *} stands for gateway, routing and bot; a trailing
 * {@code .*} for any key below).
 */
class OperationsDocTest {
    private static final Pattern CODE = Pattern.compile("`([a-zA-Z*][a-zA-Z0-9*.-]*)(?:[:=][^`]*)?`");

    @Test
    @SuppressWarnings("unchecked")
    void everyValueTheGuideNamesExists() {
        Map<String, Object> values = new Yaml().load(Manifests.read(Manifests.CHART.resolve("values.yaml")));
        String guide = Manifests.read(Path.of("docs/operations.md"));
        Set<String> named = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        Matcher m = CODE.matcher(guide);
        while (m.find()) {
            String path = m.group(1);
            String first = path.split("\\.")[0];
            if (!path.contains(".") || !(values.containsKey(first) || first.equals("*"))) {
                continue;
            }
            named.add(path);
            List<String> candidates = first.equals("*")
                    ? List.of("gateway" + path.substring(1), "routing" + path.substring(1), "bot" + path.substring(1))
                    : List.of(path);
            if (candidates.stream().noneMatch(c -> resolves(values, c))) {
                missing.add(path);
            }
        }
        assertTrue(named.size() >= 30, "values named in the guide: " + named);
        assertEquals(Set.of(), missing, "docs/operations.md names values the chart does not have");
    }

    @SuppressWarnings("unchecked")
    private static boolean resolves(Map<String, Object> values, String path) {
        Object node = values;
        for (String key : path.split("\\.")) {
            if (key.equals("*")) {
                return node instanceof Map<?, ?> map && !map.isEmpty();
            }
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = ((Map<String, Object>) node).get(key);
        }
        return true;
    }
}
