package io.parley.gateway.socket;

import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.tenant.AgentClaims;
import io.parley.gateway.tenant.TenantDirectory;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Agent upgrade Origin check: the agent console's own origins, or the tenant's allow-list (for consoles a
 * tenant embeds elsewhere). The token itself is checked by OIDC ({@code @RolesAllowed} on the endpoint).
 */
@ApplicationScoped
public class AgentUpgradeCheck implements HttpUpgradeCheck {
    private final TenantDirectory tenants;
    private final List<String> consoleOrigins;

    public AgentUpgradeCheck(TenantDirectory tenants, GatewayConfig config) {
        this.tenants = tenants;
        this.consoleOrigins = config.console().origins();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return AgentSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || consoleOrigins.contains(origin)) {
            return CheckResult.permitUpgrade();
        }
        return context.securityIdentity().chain(identity -> {
            String tenant = identity == null || identity.isAnonymous() ? null : AgentClaims.tenant(identity);
            if (tenant == null) {
                return CheckResult.rejectUpgrade(403);
            }
            return tenants.find(tenant).chain(t -> t.exists() && t.allows(origin)
                    ? CheckResult.permitUpgrade()
                    : CheckResult.rejectUpgrade(403));
        });
    }
}
