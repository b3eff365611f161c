package io.parley.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** values.yaml documents every key, the schema is current, and the topics agree with parley-common's. */
class ValuesSchemaTest {
    private static final Path VALUES = Manifests.CHART.resolve("values.yaml");
    private static final Path SCHEMA = Manifests.CHART.resolve("values.schema.json");

    @Test
    void everyKeyHasAParamLineAndEveryParamLineAKey() {
        String yaml = Manifests.read(VALUES);
        Set<String> leaves = new TreeSet<>();
        ValuesSchema.leaves(new Yaml().load(yaml), "", leaves);
        assertEquals(leaves, new TreeSet<>(ValuesSchema.params(yaml).keySet()));
    }

    @Test
    void schemaIsGeneratedFromTheCurrentValues() throws IOException {
        String expected = ValuesSchema.generate(Manifests.read(VALUES));
        if (Boolean.getBoolean("parley.k8s.update")) {
            Files.writeString(SCHEMA, expected);
        }
        assertEquals(expected, Manifests.read(SCHEMA),
                "values.schema.json is stale: ./mvnw -pl k8s test -Dparley.k8s.update=true rewrites it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void topicsArePartitionedAsTheServicesDefineThem() throws IOException {
        Properties defined = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream(io.parley.common.Topics.FILE)) {
            defined.load(in);
        }
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        defined.stringPropertyNames().stream().filter(k -> k.matches("parley\\.kafka\\.topics\\.[a-z-]+\\.name"))
                .forEach(k -> {
                    String key = k.split("\\.")[3];
                    String name = defined.getProperty(k).replace("${parley.kafka.topic-prefix:}", "");
                    expected.put(key, name + ":" + defined.getProperty("parley.kafka.topics." + key + ".partitions"));
                });
        Map<String, Object> values = new Yaml().load(Manifests.read(VALUES));
        Map<String, Map<String, Object>> topics = (Map<String, Map<String, Object>>) ((Map<String, Object>) values
                .get("kafka")).get("topics");
        topics.forEach((key, topic) -> actual.put(key, topic.get("name") + ":" + topic.get("partitions")));
        assertEquals(expected, actual);
    }
}
