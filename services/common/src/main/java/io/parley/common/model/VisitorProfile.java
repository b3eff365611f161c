package io.parley.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /** A visitor the gateway has no record of (from before visitors were recorded): the id alone. */
    public static VisitorProfile unknown(String id) {
        return new VisitorProfile(id, null, false, null, Map.of());
    }
}
