package io.parley.gateway.admin;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A skill group as the admin API shows it (docs/routing.md, "Admin API (gateway)"). */
public record GroupView(String id, String name, List<String> skills, int priority, String strategy,
        int relaxAfterSec, List<Member> members) {

    /** {@code capacity} null: the agent's own capacity. */
    @Schema(name = "GroupMember")
    public record Member(String agentId, Integer capacity) {
    }
}
