package io.parley.gateway.supervisor;

import io.parley.gateway.rest.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The supervisor view's live figures: queues per group and agents' presence and load (supervisors and admins). */
@Path("/api/v1/supervisor/overview")
@Tag(name = "console")
@RolesAllowed({ "supervisor", "admin" })
public class SupervisorResource {
    private final TeamOverviewQuery overview;
    private final Caller caller;

    public SupervisorResource(TeamOverviewQuery overview, Caller caller) {
        this.overview = overview;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queues per group (waiting, VIP, longest wait) and agents (presence, load, capacity) now")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TeamOverview.class)))
    @APIResponse(responseCode = "403", description = "not a supervisor or admin of a tenant")
    public Uni<TeamOverview> overview() {
        return overview.overview(caller.tenant());
    }
}
