package io.parley.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * values.schema.json, made from values.yaml: each key's type from its default, its description from its
 * {@code ## @param} line, enumerations and free-form objects from the lists below. Helm checks values against it on
 * every install, upgrade and template, so a typo or a wrong type fails before anything reaches the cluster.
 */
final class ValuesSchema {
    /** Objects whose keys are the user's (Kubernetes fields, labels, file names): any key allowed. */
    static final Set<String> FREE_FORM = Set.of("podSecurityContext", "containerSecurityContext",
            "networkPolicy.metricsNamespaceSelector", "metrics.dashboards.labels", "kafka.topics");
    static final Map<String, List<String>> ENUMS = Map.of(
            "autoscaling.mode", List.of("keda", "hpa", "none"),
            "resourcesPreset", List.of("none", "small", "medium", "large", "xlarge"),
            "image.pullPolicy", List.of("Always", "IfNotPresent", "Never"),
            "service.type", List.of("ClusterIP", "NodePort", "LoadBalancer"));
    /** Kubernetes takes a count or a percentage here. */
    static final Set<String> INT_OR_STRING = Set.of("pdb.minAvailable", "pdb.maxUnavailable");
    private static final Pattern PARAM = Pattern.compile("^## @param (\\S+) (.+)$", Pattern.MULTILINE);

    private ValuesSchema() {
    }

    /** {@code ## @param} lines: key path -> description. */
    static Map<String, String> params(String valuesYaml) {
        Map<String, String> params = new TreeMap<>();
        Matcher m = PARAM.matcher(valuesYaml);
        while (m.find()) {
            params.put(m.group(1), m.group(2).trim());
        }
        return params;
    }

    /** Key paths that are leaves: scalars, lists, empty maps and free-form maps. */
    @SuppressWarnings("unchecked")
    static void leaves(Map<String, Object> values, String prefix, Set<String> into) {
        values.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> map && !map.isEmpty() && !FREE_FORM.contains(path)) {
                leaves((Map<String, Object>) map, path, into);
            } else {
                into.add(path);
            }
        });
    }

    static String generate(String valuesYaml) {
        Map<String, Object> values = new Yaml().load(valuesYaml);
        Map<String, String> params = params(valuesYaml);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", "Parley Helm chart values");
        schema.put("description", "Generated from values.yaml by k8s/src/test/java/io/parley/k8s/ValuesSchema.java;"
                + " ValuesSchemaTest checks it is current (-Dparley.k8s.update=true rewrites it).");
        schema.putAll(object(values, "", params));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> values, String prefix, Map<String, String> params) {
        Map<String, Object> properties = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            Map<String, Object> property;
            if (value instanceof Map<?, ?> map && !map.isEmpty() && !FREE_FORM.contains(path)) {
                property = object((Map<String, Object>) map, path, params);
            } else {
                property = new LinkedHashMap<>();
                property.put("type", type(path, value));
                ENUMS.forEach((suffix, allowed) -> {
                    if (path.endsWith(suffix)) {
                        property.put("enum", allowed);
                    }
                });
            }
            String description = params.get(path);
            if (description != null) {
                property.put("description", description);
            }
            properties.put(key, property);
        });
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", "object");
        object.put("additionalProperties", false);
        object.put("properties", properties);
        return object;
    }

    private static Object type(String path, Object value) {
        if (INT_OR_STRING.stream().anyMatch(path::endsWith)) {
            return List.of("integer", "string");
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        return "string";
    }
}
