package io.parley.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;

/**
 * A REST body read as a JSON tree, for endpoints that check its fields themselves: the actions API (with the socket's
 * frame rules, {@code FrameParser.actionFields}, so both refuse the same input with the same words) and the tags API.
 */
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
}
