package io.parley.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The native image's reflection list covers every data type of the packages that travel as JSON. */
class JsonTypesTest {
    private static final List<String> PACKAGES = List.of("event", "model", "rest", "wire");

    @Test
    void everyRecordEnumAndSealedTypeIsRegistered() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (String pkg : PACKAGES) {
            Path dir = Path.of("target", "classes", "io", "parley", "common", pkg);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                        .toList()) {
                    String name = "io.parley.common." + pkg + "." + file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name);
                    if (type.isRecord() || type.isEnum() || type.isSealed()) {
                        expected.add(name);
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("compiled classes of " + pkg + " not found", e);
            }
        }
        Set<String> registered = Arrays.stream(JsonTypes.class.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, registered);
    }
}
