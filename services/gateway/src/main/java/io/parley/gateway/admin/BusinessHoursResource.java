package io.parley.gateway.admin;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's business hours (docs/routing.md, "Business hours and offline messages"): {@code admin} changes them,
 * {@code supervisor} reads them. Without them the tenant is always open.
 */
@Path("/api/v1/admin/business-hours")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@APIResponse(responseCode = "404", description = "none: the tenant is always open",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class BusinessHoursResource {
    private final HoursRepository hours;
    private final Caller caller;

    public BusinessHoursResource(HoursRepository hours, Caller caller) {
        this.hours = hours;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "The tenant's business hours")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HoursView.class)))
    public Uni<HoursView> get() {
        return hours.find(caller.tenant()).onItem().ifNull().failWith(BusinessHoursResource::none);
    }

    @PUT
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the business hours (replaces them)")
    @APIResponse(responseCode = "200", description = "replaced, as stored (ranges sorted)",
            content = @Content(schema = @Schema(implementation = HoursView.class)))
    @APIResponse(responseCode = "201", description = "created, as stored (ranges sorted)",
            content = @Content(schema = @Schema(implementation = HoursView.class)))
    @APIResponse(responseCode = "400", description = "invalid input, every problem named",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> put(@Valid @NotNull(message = AdminRules.NOT_AN_OBJECT) HoursRequest body) {
        HoursView stored = body.toView();
        return hours.put(caller.tenant(), caller.id(), stored)
                .map(created -> Response.status(created ? 201 : 200).entity(stored).build());
    }

    @DELETE
    @RolesAllowed("admin")
    @Operation(summary = "Remove the business hours: always open")
    @APIResponse(responseCode = "204", description = "removed")
    public Uni<Void> delete() {
        return hours.remove(caller.tenant(), caller.id()).invoke(deleted -> {
            if (!deleted) {
                throw none();
            }
        }).replaceWithVoid();
    }

    private static ApiException none() {
        return ApiException.notFound("no business hours: the tenant is always open");
    }
}
