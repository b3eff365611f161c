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
 * The tenant's agent profiles (capacity, rating, skills; docs/routing.md): {@code admin} changes them,
 * {@code supervisor} reads them. Agents are the identity provider's subjects; without a profile defaults apply.
 */
@Path("/api/v1/admin/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AgentResource {
    private final AgentRepository agents;
    private final Caller caller;

    public AgentResource(AgentRepository agents, Caller caller) {
        this.agents = agents;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "The tenant's agent profiles, by agent id")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AgentView.class)))
    public Uni<List<AgentView>> list() {
        return agents.all(caller.tenant());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "An agent's profile")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "404", description = "no profile for this agent in the tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<AgentView> get(@PathParam("id") String id) {
        return agents.find(caller.tenant(), id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("no such agent profile"));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace an agent's profile")
    @APIResponse(responseCode = "200", description = "replaced",
            content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", description = "invalid input, every problem named",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> put(
            @PathParam("id") @Pattern(regexp = AdminRules.AGENT_ID, message = AdminRules.AGENT_ID_RULE) String id,
            @Valid @NotNull(message = AdminRules.NOT_AN_OBJECT) AgentRequest body) {
        AgentView profile = body.toView(id);
        return agents.put(caller.tenant(), caller.id(), profile)
                .map(created -> Response.status(created ? 201 : 200).entity(profile).build());
    }
}
