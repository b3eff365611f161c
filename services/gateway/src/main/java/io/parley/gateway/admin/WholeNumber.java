package io.parley.gateway.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * An Integer field that takes JSON integers only: Jackson alone would truncate {@code 1.5} and read {@code "5"}.
 * Anything else is a wrong type (named by the mapper); an integer beyond int's range becomes the nearest int bound, so
 * the field's range constraint names it.
 */
public class WholeNumber extends StdDeserializer<Integer> {
    public WholeNumber() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
        }
        if (p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        return p.getBigIntegerValue().signum() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }
}
