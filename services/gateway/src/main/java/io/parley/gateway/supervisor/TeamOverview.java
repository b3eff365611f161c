package io.parley.gateway.supervisor;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The supervisor's live view of a tenant (docs/console.md, "Supervisor"): queues per group and agents. */
public record TeamOverview(List<Queue> queues, List<Agent> agents, OffsetDateTime at) {

    /** A group's queue now; {@code groupId} null for conversations waiting in no group. */
    @Schema(name = "GroupQueue")
    public record Queue(String groupId, String name, int waiting, int vip, long longestWaitSec) {
    }

    /** An agent now: presence as routing sees it, open conversations against capacity. */
    @Schema(name = "TeamAgent")
    public record Agent(String id, String name, String presence, int load, int capacity, List<String> skills) {
    }
}
