package io.parley.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;

/** Reading REST request bodies field by field, so validation can name every problem instead of the first. */
public final class JsonBody {
    private JsonBody() {
    }

    /** The body as a JSON object, or null when it is empty, malformed or not an object. */
    public static JsonNode object(String body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body == null ? "" : body);
            return root != null && root.isObject() ? root : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The field's text, or null when it is absent or not a string. */
    public static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
