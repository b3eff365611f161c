package io.parley.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict reading against the Kubernetes API model. fabric8's model classes keep any field they do not know in an
 * "additionalProperties" map instead of failing; this walks a parsed object and reports every such field with its
 * path, which is what "unknown fields rejected" means here. Wrong types already fail while parsing. Kinds fabric8
 * has no model for (custom resources whose operators ship no Java model here) come back as
 * {@link GenericKubernetesResource}: {@link #isModelled} tells them apart, and the tests name them.
 */
final class StrictModel {
    private StrictModel() {
    }

    static boolean isModelled(HasMetadata object) {
        return !(object instanceof GenericKubernetesResource);
    }

    /** Every field of the object the model does not know, as "Kind/name: path.to.field". */
    static List<String> unknownFields(HasMetadata object) {
        List<String> fields = new ArrayList<>();
        walk(object, "", fields, new IdentityHashMap<>());
        String name = object.getKind() + "/" + object.getMetadata().getName() + ": ";
        return fields.stream().map(f -> name + f).toList();
    }

    private static void walk(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Quantity || value instanceof IntOrString
                || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (field.equals("additionalProperties") && child instanceof Map<?, ?> extra) {
                String where = path.isEmpty() ? "" : path.substring(1) + " ";
                extra.keySet().forEach(k -> problems.add(where + "unknown field " + k));
            } else {
                walk(child, path + "." + field, problems, seen);
            }
        }
    }
}
