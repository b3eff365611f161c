package io.parley.gateway.rest;

import io.parley.common.rest.ApiException;
import io.parley.gateway.tenant.AgentClaims;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who makes an authenticated REST call: their tenant (the token's {@code tenant} claim, taken once here; a token
 * without one is refused with 403) and their id.
 */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String tenant() {
        String tenant = AgentClaims.tenant(identity);
        if (tenant == null) {
            throw ApiException.forbidden("token has no tenant");
        }
        return tenant;
    }

    public String id() {
        return identity.getPrincipal().getName();
    }

    /** The token's {@code name}, else the id: how the caller is shown to visitors. */
    public String displayName() {
        String name = AgentClaims.displayName(identity);
        return name == null || name.isBlank() ? id() : name;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
