package io.parley.gateway.socket;

import io.parley.gateway.visitor.VisitorTokens;
import io.parley.gateway.tenant.PageOrigin;
import io.parley.gateway.tenant.TenantDirectory;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Visitor upgrade: a valid Parley token (else 401) from an allowed Origin of its tenant (else 403). The token is
 * checked here once; its claims go to the connection's user data for {@link VisitorSocket}.
 */
@ApplicationScoped
public class VisitorUpgradeCheck implements HttpUpgradeCheck {
    private final VisitorTokens tokens;
    private final TenantDirectory tenants;

    public VisitorUpgradeCheck(VisitorTokens tokens, TenantDirectory tenants) {
        this.tokens = tokens;
        this.tenants = tenants;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return VisitorSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var request = context.httpRequest();
        VisitorTokens.VisitorClaims claims = tokens.verify(VisitorTokens.bearer(request.getHeader("Authorization")),
                Instant.now());
        if (claims == null) {
            return CheckResult.rejectUpgrade(401);
        }
        // The hosted chat's own requests name no other site: its embedding page was checked when the session began.
        String origin = PageOrigin.of(request.getHeader("Origin"), request.getHeader("Host"), null);
        return tenants.find(claims.tenant()).chain(tenant -> {
            if (!tenant.exists() || !tenant.allows(origin)) {
                return CheckResult.rejectUpgrade(403);
            }
            context.userData().put(VisitorSocket.CLAIMS, claims);
            return CheckResult.permitUpgrade();
        });
    }
}
