package io.parley.gateway.visitor;

import io.parley.common.rest.ApiException;
import io.parley.gateway.tenant.PageOrigin;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The visitor behind a REST call of the chat (rating, offline contact, the fallback transport's frames): a valid
 * visitor token (else 401), from a page the tenant allows (else 403; the socket's Origin rule, {@link PageOrigin}).
 */
@ApplicationScoped
public class VisitorCaller {
    private final VisitorTokens tokens;
    private final TenantDirectory tenants;

    public VisitorCaller(VisitorTokens tokens, TenantDirectory tenants) {
        this.tokens = tokens;
        this.tenants = tenants;
    }

    /** The token's claims once both checks passed; fails with the REST error otherwise. */
    public Uni<VisitorTokens.VisitorClaims> authorize(String authorization, String origin, String host) {
        VisitorTokens.VisitorClaims claims = tokens.verify(VisitorTokens.bearer(authorization), Instant.now());
        if (claims == null) {
            return Uni.createFrom().failure(ApiException.unauthorized("a valid visitor token is required"));
        }
        String page = PageOrigin.of(origin, host, null);
        return tenants.find(claims.tenant()).map(tenant -> {
            if (!tenant.exists() || !tenant.allows(page)) { // as the visitor socket's upgrade
                throw ApiException.forbidden("origin not allowed for this tenant");
            }
            return claims;
        });
    }
}
