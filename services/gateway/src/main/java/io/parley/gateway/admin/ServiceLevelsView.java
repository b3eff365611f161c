package io.parley.gateway.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's service levels as the admin API shows them (docs/routing.md): auto-close after inactivity (null = never)
 * and targets per priority ({@code normal}, {@code vip}; a priority without targets is absent).
 */
public record ServiceLevelsView(Integer autoCloseAfterSec, Map<String, Target> targets) {
    /** The priorities of the API and their numbers in {@code sla_policy.priority} / {@code conversation.priority}. */
    static final Map<String, Integer> PRIORITIES = Map.of("normal", 0, "vip", 1);

    /** Seconds from the conversation's start (null = no target). */
    @Schema(name = "ServiceLevelTarget")
    public record Target(Integer firstResponseSec, Integer resolutionSec) {
    }

    static ServiceLevelsView of(TenantSettings tenant, List<SlaPolicy> policies) {
        Map<String, Target> targets = new TreeMap<>();
        policies.forEach(p -> targets.put(p.priority == 1 ? "vip" : "normal",
                new Target(p.firstResponseSec, p.resolutionSec)));
        return new ServiceLevelsView(tenant.autoCloseAfterSec, targets);
    }
}
