package io.parley.gateway.tenant;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads Parley's claims from an agent's OIDC token. */
public final class AgentClaims {
    private AgentClaims() {
    }

    /** The tenant claim; null if the IdP did not map one (the agent is then refused). */
    public static String tenant(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object tenant = jwt.getClaim("tenant");
            return tenant == null ? null : tenant.toString().replace("\"", "");
        }
        return null;
    }

    public static String displayName(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("name") != null) {
            return jwt.getClaim("name").toString().replace("\"", "");
        }
        return null;
    }
}
