package io.parley.gateway.admin;

import java.util.List;

/** An agent profile as the admin API shows it (docs/routing.md); {@code rating} has two decimals. */
public record AgentView(String agentId, String name, int capacity, double rating, List<String> skills) {
}
