package io.parley.gateway.admin;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's skill groups (docs/routing.md, "Admin API (gateway)"): {@code admin} changes them, {@code supervisor}
 * reads them. Another tenant's groups do not exist here.
 */
@Path("/api/v1/admin/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@APIResponse(responseCode = "404", description = "no such group in the tenant",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class GroupResource {
    private final GroupRepository groups;
    private final Caller caller;

    public GroupResource(GroupRepository groups, Caller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "The tenant's skill groups, highest priority first")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GroupView.class)))
    public Uni<List<GroupView>> list() {
        return groups.all(caller.tenant());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "A skill group with its members")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = GroupView.class)))
    public Uni<GroupView> get(@PathParam("id") String id) {
        return groups.find(caller.tenant(), id).onItem().ifNull().failWith(GroupResource::missing);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a skill group and its member list")
    @APIResponse(responseCode = "200", description = "replaced",
            content = @Content(schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", description = "invalid input, every problem named",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> put(
            @PathParam("id") @Pattern(regexp = AdminRules.GROUP_ID, message = AdminRules.GROUP_ID_RULE) String id,
            @Valid @NotNull(message = AdminRules.NOT_AN_OBJECT) GroupRequest body) {
        GroupView group = body.toView(id);
        return groups.put(caller.tenant(), caller.id(), group)
                .map(created -> Response.status(created ? 201 : 200).entity(group).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Delete a skill group")
    @APIResponse(responseCode = "204", description = "deleted")
    public Uni<Void> delete(@PathParam("id") String id) {
        return groups.remove(caller.tenant(), caller.id(), id).invoke(deleted -> {
            if (!deleted) {
                throw missing();
            }
        }).replaceWithVoid();
    }

    private static ApiException missing() {
        return ApiException.notFound("no such group");
    }
}
