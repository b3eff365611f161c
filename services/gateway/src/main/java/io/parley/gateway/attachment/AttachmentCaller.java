package io.parley.gateway.attachment;

import io.parley.common.model.Participant;
import io.parley.common.rest.ApiException;
import io.parley.gateway.tenant.AgentClaims;
import io.parley.gateway.visitor.VisitorCaller;
import io.parley.gateway.visitor.VisitorTokens;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who uploads or downloads an attachment: a visitor (their token, from a page the tenant allows: {@link VisitorCaller})
 * or an agent (an OIDC token with the agent role and a tenant). Anyone else gets 401.
 */
@ApplicationScoped
public class AttachmentCaller {
    /** The caller's tenant and who they are in it. */
    public record Who(String tenant, Participant me) {
        boolean isVisitor() {
            return me.kind() == Participant.Kind.VISITOR;
        }
    }

    private final VisitorCaller visitors;
    private final CurrentIdentityAssociation identities;

    public AttachmentCaller(VisitorCaller visitors, CurrentIdentityAssociation identities) {
        this.visitors = visitors;
        this.identities = identities;
    }

    public Uni<Who> of(String authorization, String origin, String host) {
        String token = VisitorTokens.bearer(authorization);
        if (token == null) {
            return Uni.createFrom().failure(ApiException.unauthorized("a valid bearer token is required"));
        }
        if (VisitorTokens.looksLikeVisitorToken(token)) {
            return visitors.authorize(authorization, origin, host)
                    .map(claims -> new Who(claims.tenant(), Participant.visitor(claims.visitorId(), claims.name())));
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull().map(identity -> {
            String tenant = identity == null || identity.isAnonymous() || !identity.hasRole("agent") ? null
                    : AgentClaims.tenant(identity);
            if (tenant == null) {
                throw ApiException.unauthorized("a valid bearer token is required");
            }
            return new Who(tenant, Participant.agent(identity.getPrincipal().getName(),
                    AgentClaims.displayName(identity)));
        });
    }
}
