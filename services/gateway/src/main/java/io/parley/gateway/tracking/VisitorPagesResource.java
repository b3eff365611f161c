package io.parley.gateway.tracking;

import io.parley.common.rest.ApiError;
import io.parley.gateway.rest.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The pages a chatting visitor looked at (their latest session's tracking device), for the agent answering them. */
@Path("/api/v1/visitors/{visitorId}/pages")
@Tag(name = "visitors")
@RolesAllowed({ "agent", "supervisor" })
public class VisitorPagesResource {
    static final int LIMIT = 20;
    private final PageViews pageViews;
    private final Caller caller;

    public VisitorPagesResource(PageViews pageViews, Caller caller) {
        this.pageViews = pageViews;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A visitor's latest pages, newest first (at most 20; empty when their page reported none)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PageViews.Page.class)))
    @APIResponse(responseCode = "401", description = "no valid agent token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<PageViews.Page>> pages(@PathParam("visitorId") String visitorId) {
        return pageViews.ofVisitor(caller.tenant(), visitorId, LIMIT);
    }
}
