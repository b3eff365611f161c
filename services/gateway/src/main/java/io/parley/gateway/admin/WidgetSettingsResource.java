package io.parley.gateway.admin;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.tenant.TenantDirectory;
import io.parley.gateway.widget.WidgetSettings;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's widget (docs/widget.md, "Theming"): colour, position, title, avatar, greeting, sound and text overrides.
 * {@code admin} changes them, {@code supervisor} reads them; visitors' browsers read them through the public
 * {@code GET /api/v1/widget/config/{tenant}}.
 */
@Path("/api/v1/admin/widget")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@APIResponse(responseCode = "404", description = "no such tenant",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class WidgetSettingsResource {
    private final TenantWidget widget;
    private final TenantDirectory tenants;
    private final Caller caller;

    public WidgetSettingsResource(TenantWidget widget, TenantDirectory tenants, Caller caller) {
        this.widget = widget;
        this.tenants = tenants;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "The tenant's widget settings as set (unset fields are null: Parley's defaults apply)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WidgetSettings.class)))
    public Uni<WidgetSettings> get() {
        return widget.find(caller.tenant()).onItem().ifNull().failWith(() -> ApiException.notFound("no such tenant"));
    }

    @PUT
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the widget settings (replaces them)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WidgetSettings.class)))
    @APIResponse(responseCode = "400", description = "invalid input, every problem named",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @CustomDeserialization(StrictBody.class)
    public Uni<WidgetSettings> put(@Valid @NotNull(message = AdminRules.NOT_AN_OBJECT) WidgetSettings body) {
        String tenant = caller.tenant();
        return widget.put(tenant, caller.id(), body).invoke(() -> tenants.invalidate(tenant));
    }
}
