package io.parley.gateway.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * Reads an admin body with unknown fields refused (a typo such as {@code colour} is an error, not silently dropped),
 * for {@code @CustomDeserialization}. Jackson's catch-all for records ({@code @JsonAnySetter} on a component) cannot
 * collect them reliably (a field named like the component binds to it), so the first unknown field is named alone,
 * like a wrong type, not together with the value problems.
 */
public class StrictBody implements BiFunction<ObjectMapper, Type, ObjectReader> {
    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return mapper.readerFor(mapper.constructType(type)).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
