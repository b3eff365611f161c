package io.parley.common.kafka;

import io.parley.common.json.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/** Any Parley record as the JSON of {@link Json}: the value serializer of every Parley topic. */
public class JsonSerializer<T> implements Serializer<T> {
    @Override
    public byte[] serialize(String topic, T value) {
        return value == null ? null : Json.write(value).getBytes(StandardCharsets.UTF_8);
    }
}
