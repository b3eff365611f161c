package io.parley.common.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.common.json.Json;
import java.util.List;

/**
 * An attachment a message carries (docs/protocol.md, "Attachments"): {@code type} is {@code image} for a PNG, JPEG,
 * GIF or WebP (shown inline) and {@code file} for anything else (offered as a download); the server decides it from
 * the bytes, never from the name. {@code id} is what {@code GET .../attachments/{id}} serves.
 */
@JsonPropertyOrder({ "type", "id", "name", "contentType", "size" })
public record MessagePart(String type, String id, String name, String contentType, long size) {
    public static final String IMAGE = "image";
    public static final String FILE = "file";
    private static final TypeReference<List<MessagePart>> LIST = new TypeReference<>() {
    };

    /** As stored in a {@code jsonb} column: null for none. */
    public static String toJson(List<MessagePart> parts) {
        return parts == null || parts.isEmpty() ? null : Json.write(parts);
    }

    public static List<MessagePart> fromJson(String json) {
        return json == null ? List.of() : Json.read(json, LIST);
    }
}
