package io.parley.gateway.tracking;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents see who is on the tenant's site now, the pages of their visit, and invite one of them to chat. */
@Path("/api/v1/visitors/live")
@Tag(name = "visitors")
@RolesAllowed({ "agent", "supervisor" })
public class LiveVisitorResource {
    private final LiveVisitors live;
    private final PageViews pageViews;
    private final Caller caller;

    public LiveVisitorResource(LiveVisitors live, PageViews pageViews, Caller caller) {
        this.live = live;
        this.pageViews = pageViews;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's visitors whose page reported within the last minute, most recent first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LiveVisitor.class)))
    @APIResponse(responseCode = "401", description = "no valid agent token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<LiveVisitor>> list() {
        return live.list(caller.tenant(), System.currentTimeMillis());
    }

    @GET
    @Path("/{deviceId}/pages")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The pages of a live visitor's current visit, oldest first (at most 100)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PageViews.Page.class)))
    @APIResponse(responseCode = "404", description = "no such live visitor",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<PageViews.Page>> pages(@PathParam("deviceId") String deviceId) {
        String tenant = caller.tenant();
        return live.find(tenant, deviceId, System.currentTimeMillis()).chain(visitor -> visitor == null
                ? Uni.createFrom().failure(ApiException.notFound("no such live visitor"))
                : pageViews.visit(tenant, deviceId, visitor.visitId()));
    }

    @POST
    @Path("/{deviceId}/invitation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite a live visitor to chat: their launcher pops the text at its next report (within 15 s)")
    @APIResponse(responseCode = "202", description = "waiting for the visitor's page (taken once, dropped after 5 min)")
    @APIResponse(responseCode = "400", description = "malformed body, text blank or over 300 characters",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such live visitor",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> invite(@PathParam("deviceId") String deviceId,
            @Valid @NotNull(message = "body must be a JSON object") InvitationRequest body) {
        Invitation invitation = new Invitation(body.text().strip(), "team", caller.displayName());
        return live.invite(caller.tenant(), deviceId, invitation, System.currentTimeMillis()).map(invited -> {
            if (!invited) {
                throw ApiException.notFound("no such live visitor");
            }
            return Response.accepted().build();
        });
    }
}
