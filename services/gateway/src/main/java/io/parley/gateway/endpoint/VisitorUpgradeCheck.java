package io.parley.gateway.endpoint;

import io.parley.gateway.auth.VisitorTokens;
import io.parley.gateway.service.TenantDirectory;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Visitor upgrade: a valid Parley token (else 401) from an allowed Origin of its tenant (else 403). */
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
        String origin = request.getHeader("Origin");
        return tenants.find(claims.tenant()).chain(tenant -> tenant.exists() && tenant.allows(origin)
                ? CheckResult.permitUpgrade()
                : CheckResult.rejectUpgrade(403));
    }
}
