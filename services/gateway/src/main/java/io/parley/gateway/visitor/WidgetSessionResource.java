package io.parley.gateway.visitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.model.RoutingHints;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.tenant.PageOrigin;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Starts (or continues) a visitor: returns the short-lived token the visitor socket needs (docs/protocol.md). */
@Path("/api/v1/widget/sessions")
@Tag(name = "visitors")
public class WidgetSessionResource {

    /** {@code resumeSecret} only when the visitor was just created: keep it to continue this visitor later. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Session(String visitorId, String token, String expiresAt, boolean verified, String resumeSecret) {
    }

    private final VisitorTokens tokens;
    private final TenantDirectory tenants;
    private final VisitorIdentity identity;
    private final VisitorStore visitors;

    public WidgetSessionResource(VisitorTokens tokens, TenantDirectory tenants, VisitorIdentity identity,
            VisitorStore visitors) {
        this.tokens = tokens;
        this.tenants = tenants;
        this.identity = identity;
        this.visitors = visitors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start or continue a visitor and get their socket token")
    @APIResponse(responseCode = "201", description = "the visitor's token",
            content = @Content(schema = @Schema(implementation = Session.class)))
    @APIResponse(responseCode = "400", description = "malformed body", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "origin not allowed, signature invalid or required, VIP without verification",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "unknown tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "a signed visitor id belongs to an unverified visitor",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> create(@Valid @NotNull(message = "body must be a JSON object") WidgetSessionRequest body,
            @HeaderParam("Origin") String origin, @HeaderParam("Host") String host) {
        Instant now = Instant.now();
        return tenants.find(body.tenant()).chain(tenant -> {
            if (!tenant.exists()) {
                throw ApiException.notFound("unknown tenant");
            }
            if (!tenant.allows(PageOrigin.of(origin, host, body.embedOrigin()))) {
                throw ApiException.forbidden("origin not allowed for this tenant");
            }
            RoutingHints routing = routing(body.routing());
            return identity.identify(tenant, body, now).call(who -> body.deviceId() == null ? Uni.createFrom().voidItem()
                    : visitors.linkDevice(tenant.id(), who.visitorId(), body.deviceId())).map(who -> {
                // VIP service is a privilege: only for a visitor the tenant's backend vouched for.
                if (routing.vip() && !who.verified()) {
                    throw ApiException.forbidden("routing.vip needs a visitorId signed by the tenant's backend"
                            + " (identityHash or identityToken)");
                }
                return Response.status(201).entity(new Session(who.visitorId(),
                        tokens.issue(tenant.id(), who.visitorId(), body.name(), routing, now),
                        tokens.expiry(now).toString(), who.verified(), who.resumeSecret())).build();
            });
        });
    }

    /** Logout on this device: the visitor's resume secret stops working (the token stays valid until it expires). */
    @DELETE
    @Path("/current")
    @Operation(summary = "Forget the visitor on this device: their resume secret stops working")
    @APIResponse(responseCode = "204", description = "forgotten")
    @APIResponse(responseCode = "401", description = "no valid visitor token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> forget(@HeaderParam("Authorization") String authorization) {
        VisitorTokens.VisitorClaims claims = tokens.verify(VisitorTokens.bearer(authorization), Instant.now());
        if (claims == null) {
            throw ApiException.unauthorized("a valid visitor token is required");
        }
        return visitors.forgetResumeSecret(claims.tenant(), claims.visitorId())
                .replaceWith(Response.noContent().build());
    }

    static RoutingHints routing(WidgetSessionRequest.Routing routing) {
        if (routing == null) {
            return RoutingHints.NONE;
        }
        return new RoutingHints(routing.group(), routing.skills(), Boolean.TRUE.equals(routing.vip()));
    }
}
