package io.parley.gateway.attachment;

import io.parley.common.model.MessagePart;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.conversation.ConversationDirectory;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Uploading and downloading attachments (docs/protocol.md, "Attachments"). An upload is the raw file as the body; a
 * {@code send} frame then names its id. Downloads go to the conversation's participants only: its visitor and the
 * tenant's agents (before a message carries it, its uploader alone); to anyone else it does not exist.
 */
@Path("/api/v1/attachments")
@Tag(name = "attachments")
public class AttachmentResource {
    private final AttachmentStore store;
    private final AttachmentCaller callers;
    private final TenantDirectory tenants;
    private final ConversationDirectory conversations;

    public AttachmentResource(AttachmentStore store, AttachmentCaller callers, TenantDirectory tenants,
            ConversationDirectory conversations) {
        this.store = store;
        this.callers = callers;
        this.tenants = tenants;
        this.conversations = conversations;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file (the raw bytes as the body; visitor or agent token); a send frame then carries"
            + " its id")
    @APIResponse(responseCode = "201", description = "stored; the part a message carrying it will show",
            content = @Content(schema = @Schema(implementation = MessagePart.class)))
    @APIResponse(responseCode = "400", description = "empty body",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "no valid visitor or agent token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "origin not allowed for this tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "larger than the tenant's limit (too_large)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "a kind of file not accepted (unsupported_type), or a name"
            + " that disagrees with the content (type_mismatch)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> upload(@QueryParam("name") String name, byte[] body,
            @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        return callers.of(authorization, origin, host).chain(who -> tenants.find(who.tenant())
                .map(tenant -> Upload.check(name, body, tenant.widget().withDefaults().maxUploadBytes()))
                .chain(upload -> store.save(who.tenant(), who.me(), upload)))
                .map(stored -> Response.status(201).entity(stored.part()).build());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "An attachment's bytes (the conversation's visitor or the tenant's agents)")
    @APIResponse(responseCode = "200", description = "the file: inline for PNG, JPEG, GIF and WebP, else"
            + " Content-Disposition: attachment; always X-Content-Type-Options: nosniff")
    @APIResponse(responseCode = "401", description = "no valid visitor or agent token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such attachment for this caller",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> download(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Origin") String origin, @HeaderParam("Host") String host) {
        return callers.of(authorization, origin, host)
                .chain(who -> store.find(who.tenant(), id).chain(found -> visibleTo(who, found)))
                .chain(found -> store.content(found.id()).map(bytes -> file(found, bytes)));
    }

    /** The attachment when the caller may read it; 404 otherwise (another's looks absent). */
    private Uni<StoredAttachment> visibleTo(AttachmentCaller.Who who, StoredAttachment found) {
        if (found == null) {
            return Uni.createFrom().failure(ApiException.notFound("no such attachment"));
        }
        boolean uploader = found.uploaderKind().equals(who.me().kind().wire())
                && found.uploaderId().equals(who.me().id());
        if (uploader || !who.isVisitor() && found.conversationId() != null) {
            return Uni.createFrom().item(found);
        }
        if (found.conversationId() == null) {
            return Uni.createFrom().failure(ApiException.notFound("no such attachment"));
        }
        return conversations.find(found.conversationId()).map(view -> {
            if (view == null || !view.visitorId().equals(who.me().id())) {
                throw ApiException.notFound("no such attachment");
            }
            return found;
        });
    }

    private static Response file(StoredAttachment found, byte[] bytes) {
        String encoded = URLEncoder.encode(found.name(), StandardCharsets.UTF_8).replace("+", "%20");
        String ascii = found.name().replaceAll("[^\\x20-\\x7E]|[\\\\\"]", "_");
        String disposition = found.type().safeImage() ? "inline" : "attachment";
        return Response.ok(bytes, found.type().contentType())
                .header("Content-Disposition", disposition + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                // Opened directly, the file runs no script and loads nothing, whatever a browser makes of it.
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }
}
