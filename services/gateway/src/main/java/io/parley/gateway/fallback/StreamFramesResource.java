package io.parley.gateway.fallback;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.session.Session;
import io.parley.gateway.session.SessionRegistry;
import io.parley.gateway.socket.FrameHandler;
import io.parley.gateway.visitor.VisitorCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The fallback transport's client-to-server half (docs/protocol.md, "Fallback transport"): one client frame per POST,
 * exactly as it would be sent over the socket, handled by the same {@link FrameHandler} on the stream's session.
 * Answers (ack, error, pong, …) come over the stream. A client POSTs one frame at a time, in order.
 */
@Path(EventStreamRoute.PATH + "/{streamId}/frames")
@Tag(name = "visitors")
public class StreamFramesResource {
    private final VisitorCaller visitors;
    private final SessionRegistry sessions;
    private final FrameHandler frames;

    public StreamFramesResource(VisitorCaller visitors, SessionRegistry sessions, FrameHandler frames) {
        this.visitors = visitors;
        this.sessions = sessions;
        this.frames = frames;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send one client frame over the fallback transport; answers arrive on the event stream")
    @APIResponse(responseCode = "202", description = "taken; its answer (ack, error, pong, …) comes on the stream")
    @APIResponse(responseCode = "401", description = "no valid visitor token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "origin not allowed for this tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such stream for this visitor (ended, or never theirs)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "a frame over 64 KiB",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> post(@PathParam("streamId") String streamId, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Origin") String origin, @HeaderParam("Host") String host, String frame) {
        return visitors.authorize(authorization, origin, host).map(claims -> {
            Session session = sessions.of(streamId);
            if (session == null || !(session.link() instanceof StreamLink) || !session.tenant().equals(claims.tenant())
                    || !session.me().id().equals(claims.visitorId())) {
                throw ApiException.notFound("no such stream");
            }
            if (frame == null || frame.isEmpty()) {
                throw ApiException.badRequest("the body must be one client frame (docs/protocol.md)");
            }
            if (FrameHandler.tooLarge(frame)) {
                throw new ApiException(413, "too_large", "a frame is at most 64 KiB");
            }
            session.pong(); // the client is there: what a socket's pong says
            session.execute(() -> frames.handle(session, frame));
            return Response.accepted().build();
        });
    }
}
