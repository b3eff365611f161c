package io.parley.gateway.admin;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's identity verification (docs/protocol.md, "Visitors"): whether visitors' ids must be signed, and the
 * secret the tenant's backend signs them with. The secret is shown once, when it is made; afterwards only whether
 * there is one. Every change is audited (without the secret).
 */
@Path("/api/v1/admin/identity-verification")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@APIResponse(responseCode = "404", description = "no such tenant",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class IdentityVerificationResource {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The new setting. */
    public record ModeChange(
            @NotNull(message = "'mode' is required: off, optional or required")
            @Pattern(regexp = "off|optional|required", message = "'mode' must be off, optional or required")
            String mode) {
    }

    /** A new identity secret, shown this once. */
    public record NewSecret(String secret) {
    }

    private final TenantIdentity settings;
    private final TenantDirectory tenants;
    private final Caller caller;

    public IdentityVerificationResource(TenantIdentity settings, TenantDirectory tenants, Caller caller) {
        this.settings = settings;
        this.tenants = tenants;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "Whether visitors' ids must be signed, and whether the tenant has a secret to sign with")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = TenantIdentity.Settings.class)))
    public Uni<TenantIdentity.Settings> get() {
        return settings.find(caller.tenant()).onItem().ifNull().failWith(() -> ApiException.notFound("no such tenant"));
    }

    @PUT
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set off, optional or required")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = TenantIdentity.Settings.class)))
    @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TenantIdentity.Settings> put(
            @Valid @NotNull(message = AdminRules.NOT_AN_OBJECT) ModeChange change) {
        String tenant = caller.tenant();
        return settings.setMode(tenant, caller.id(), change.mode()).invoke(() -> tenants.invalidate(tenant));
    }

    @POST
    @Path("/secret")
    @RolesAllowed("admin")
    @Operation(summary = "Make a new identity secret (the old one stops working); shown this once")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = NewSecret.class)))
    public Uni<Response> rotateSecret() {
        String tenant = caller.tenant();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return settings.setSecret(tenant, caller.id(), secret).invoke(() -> tenants.invalidate(tenant))
                .map(done -> Response.status(201).entity(new NewSecret(secret)).build());
    }
}
