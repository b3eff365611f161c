package io.parley.gateway.conversation;

import io.parley.common.rest.ApiError;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.visitor.VisitorCaller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The visitor rates a closed conversation, once (docs/protocol.md, "Rating"). */
@Path("/api/v1/conversations/{id}/rating")
@Tag(name = "conversations")
public class RatingResource {
    private final Ratings ratings;
    private final VisitorCaller visitors;

    public RatingResource(Ratings ratings, VisitorCaller visitors) {
        this.ratings = ratings;
        this.visitors = visitors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate a closed conversation 1-5 with an optional comment (the conversation's visitor, once)")
    @APIResponse(responseCode = "201", description = "stored; the csat frame as the agent gets it",
            content = @Content(schema = @Schema(implementation = ServerFrame.Csat.class)))
    @APIResponse(responseCode = "400", description = "malformed body, score not 1..5, comment over 1000 characters",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "no valid visitor token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "origin not allowed for this tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such conversation of this visitor",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "not closed (invalid_state), or already rated (conflict)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> rate(@PathParam("id") String conversationId,
            @Valid @NotNull(message = "body must be a JSON object") RatingRequest body,
            @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        return visitors.authorize(authorization, origin, host)
                .chain(claims -> ratings.rate(claims.tenant(), claims.visitorId(), conversationId, body.score(),
                        body.comment()))
                .map(csat -> Response.status(201).entity(csat).build());
    }
}
