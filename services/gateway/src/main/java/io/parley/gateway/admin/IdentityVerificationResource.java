package io.parley.gateway.admin;

import io.parley.gateway.rest.ApiError;
import io.parley.gateway.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.util.Map;
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
public class IdentityVerificationResource {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The setting as shown. */
    public record Settings(String mode, boolean secretSet) {
    }

    /** The new setting. */
    public record ModeChange(
            @NotNull(message = "'mode' is required: off, optional or required")
            @Pattern(regexp = "off|optional|required", message = "'mode' must be off, optional or required")
            String mode) {
    }

    /** A new identity secret, shown this once. */
    public record NewSecret(String secret) {
    }

    private final Pool pool;
    private final TenantDirectory tenants;
    private final Caller caller;

    public IdentityVerificationResource(Pool pool, TenantDirectory tenants, Caller caller) {
        this.pool = pool;
        this.tenants = tenants;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "Whether visitors' ids must be signed, and whether the tenant has a secret to sign with")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Settings.class)))
    public Uni<Settings> get() {
        return settings(caller.tenant());
    }

    @PUT
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set off, optional or required")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Settings.class)))
    @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Settings> put(@Valid @NotNull(message = "body must be a JSON object") ModeChange change) {
        String tenant = caller.tenant();
        return settings(tenant).chain(before -> pool.withTransaction(conn -> conn
                .preparedQuery("UPDATE tenant SET identity_verification = $2 WHERE id = $1")
                .execute(Tuple.of(tenant, change.mode()))
                .chain(() -> AdminAudit.write(conn, tenant, caller.id(), "identity_verification_update", before,
                        new Settings(change.mode(), before.secretSet())))))
                .invoke(() -> tenants.invalidate(tenant))
                .chain(() -> settings(tenant));
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
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE tenant SET identity_secret = $2 WHERE id = $1")
                .execute(Tuple.of(tenant, secret))
                .chain(() -> AdminAudit.write(conn, tenant, caller.id(), "identity_secret_rotate", null,
                        Map.of("secretSet", true))))
                .invoke(() -> tenants.invalidate(tenant))
                .map(done -> Response.status(201).entity(new NewSecret(secret)).build());
    }

    private Uni<Settings> settings(String tenant) {
        return pool.preparedQuery("SELECT identity_verification, identity_secret IS NOT NULL AS secret_set FROM tenant"
                + " WHERE id = $1").execute(Tuple.of(tenant)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("no such tenant");
                    }
                    var row = rows.iterator().next();
                    return new Settings(row.getString("identity_verification"), row.getBoolean("secret_set"));
                });
    }
}
