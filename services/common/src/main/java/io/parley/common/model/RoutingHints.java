package io.parley.common.model;

import java.util.List;

/**
 * What a new conversation asks routing for: a skill group ({@code null} = the tenant's whole team), skills, and
 * whether the visitor is a VIP (served first). Set from the widget session; VIP only when the tenant's backend
 * vouched for the visitor (see docs/protocol.md, identity verification).
 */
public record RoutingHints(String group, List<String> skills, boolean vip) {
    public static final RoutingHints NONE = new RoutingHints(null, List.of(), false);

    public RoutingHints {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
