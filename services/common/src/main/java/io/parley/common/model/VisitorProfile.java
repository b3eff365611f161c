package io.parley.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.common.json.Json;
import java.util.Map;

/**
 * What agents see of a visitor on their {@code conversation} frames (docs/protocol.md): the id, the name, whether
 * the tenant's backend vouched for the id ({@code verified}), an id the tenant's page passed unsigned
 * ({@code claimedId}, unverified), and the attributes the page set, each with the time it was last set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitorProfile(String id, String name, boolean verified, String claimedId,
        Map<String, Attribute> attributes) {

    public VisitorProfile {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An attribute's value (a JSON string, number or boolean) and when it was set (epoch ms). */
    public record Attribute(Object value, long setAt) {
    }

    /** A profile as stored: attributes as the JSON of the {@code visitor.attributes} column. */
    public static VisitorProfile stored(String id, String name, boolean verified, String claimedId,
            String attributesJson) {
        return new VisitorProfile(id, name, verified, claimedId,
                attributesJson == null ? Map.of() : Json.read(attributesJson, ATTRIBUTES));
    }

    private static final TypeReference<Map<String, Attribute>> ATTRIBUTES = new TypeReference<>() {
    };

    /** A visitor the gateway has no record of (from before visitors were recorded): the id alone. */
    public static VisitorProfile unknown(String id) {
        return new VisitorProfile(id, null, false, null, Map.of());
    }
}
