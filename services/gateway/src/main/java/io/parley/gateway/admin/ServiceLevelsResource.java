package io.parley.gateway.admin;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
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
 * The tenant's service levels (docs/routing.md): SLA targets per visitor priority and auto-close after inactivity.
 * {@code admin} replaces them as a whole, {@code supervisor} reads them.
 */
@Path("/api/v1/admin/service-levels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ServiceLevelsView.class)))
@APIResponse(responseCode = "404", description = "no such tenant",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ServiceLevelsResource {
    private final ServiceLevelsRepository levels;
    private final Caller caller;

    public ServiceLevelsResource(ServiceLevelsRepository levels, Caller caller) {
        this.levels = levels;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "Auto-close and the SLA targets per priority")
    public Uni<ServiceLevelsView> get() {
        return levels.find(caller.tenant()).onItem().ifNull().failWith(() -> ApiException.notFound("no such tenant"));
    }

    @PUT
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace auto-close and all SLA targets; returns them as stored")
    @APIResponse(responseCode = "400",
            description = "invalid input, every problem named; an unknown field or a wrong type named alone",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @CustomDeserialization(StrictBody.class)
    public Uni<ServiceLevelsView> put(@Valid @NotNull(message = AdminRules.NOT_AN_OBJECT) ServiceLevelsRequest body) {
        ServiceLevelsView stored = body.toView();
        return levels.put(caller.tenant(), caller.id(), stored).replaceWith(stored);
    }
}
