package io.parley.gateway.compose;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.admin.StrictBody;
import io.parley.gateway.rest.Caller;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/**
 * What agents write with besides the reply itself (docs/console.md, "Compose"): canned responses (the tenant's,
 * managed by supervisors and admins, and each agent's own) and private notes in a conversation (agents only).
 */
@Path("/api/v1")
@Tag(name = "console")
@RolesAllowed({ "agent", "supervisor", "admin" })
public class ComposeResource {
    private static final int MAX_ID_CHARS = 128;

    private final CannedResponses canned;
    private final Notes notes;
    private final Caller caller;

    public ComposeResource(CannedResponses canned, Notes notes, Caller caller) {
        this.canned = canned;
        this.notes = notes;
        this.caller = caller;
    }

    @GET
    @Path("/canned-responses")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's canned responses and the caller's own, by shortcut")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CannedResponse.Listing.class)))
    public Uni<CannedResponse.Listing> cannedResponses() {
        return canned.visibleTo(caller.tenant(), caller.id()).map(CannedResponse.Listing::new);
    }

    @POST
    @Path("/canned-responses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictBody.class)
    @Operation(summary = "A new canned response: the caller's own, or (personal: false) the tenant's")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CannedResponse.class)))
    @APIResponse(responseCode = "400", description = "shortcut or body invalid, unknown field",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "a tenant-wide one without role supervisor or admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "the shortcut is taken, or the owner has 500 already",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> create(@Valid @NotNull(message = "body must be a JSON object") CannedResponse.Request body) {
        String tenant = caller.tenant();
        boolean personal = body.personal() == null || body.personal();
        if (!personal && !managesTenant()) {
            throw ApiException.forbidden("tenant-wide canned responses are for supervisors and admins");
        }
        return canned.create(tenant, personal ? caller.id() : null, caller.id(), body.shortcut(), body.body())
                .map(outcome -> Response.status(201).entity(accepted(outcome)).build());
    }

    @PUT
    @Path("/canned-responses/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictBody.class)
    @Operation(summary = "Change a canned response (own ones; tenant-wide ones as supervisor or admin)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CannedResponse.class)))
    @APIResponse(responseCode = "404", description = "none the caller may change",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "the shortcut is taken",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<CannedResponse> update(@PathParam("id") long id,
            @Valid @NotNull(message = "body must be a JSON object") CannedResponse.Request body) {
        if (body.personal() != null) {
            throw ApiException.badRequest("'personal' is set when creating; it cannot be changed");
        }
        return canned.update(caller.tenant(), id, caller.id(), managesTenant(), body.shortcut(), body.body())
                .map(ComposeResource::accepted);
    }

    @DELETE
    @Path("/canned-responses/{id}")
    @Operation(summary = "Delete a canned response (own ones; tenant-wide ones as supervisor or admin)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "none the caller may delete",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> delete(@PathParam("id") long id) {
        return canned.delete(caller.tenant(), id, caller.id(), managesTenant()).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("no such canned response of yours");
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/conversations/{id}/notes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A conversation's private notes, oldest first (agents only; never shown to the visitor)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Note.Listing.class)))
    @APIResponse(responseCode = "404", description = "no such conversation in the tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Note.Listing> notes(@PathParam("id") String conversationId) {
        String tenant = caller.tenant();
        checkId(conversationId);
        return notes.of(tenant, conversationId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("no such conversation"))
                .map(Note.Listing::new);
    }

    @POST
    @Path("/conversations/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictBody.class)
    @Operation(summary = "Add a private note after the conversation's newest message")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Note.class)))
    @APIResponse(responseCode = "400", description = "body invalid",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such conversation in the tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "the conversation holds 1000 notes already",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> addNote(@PathParam("id") String conversationId,
            @Valid @NotNull(message = "body must be a JSON object") Note.Request body) {
        String tenant = caller.tenant();
        checkId(conversationId);
        return notes.add(tenant, conversationId, caller.id(), caller.displayName(), body.body()).map(added -> {
            if (added == null) {
                throw ApiException.notFound("no such conversation");
            }
            if (added.isEmpty()) {
                throw ApiException.conflict("this conversation holds " + Notes.MAX_PER_CONVERSATION + " notes already");
            }
            return Response.status(201).entity(added.get(0)).build();
        });
    }

    private boolean managesTenant() {
        return caller.hasRole("supervisor") || caller.hasRole("admin");
    }

    private static void checkId(String conversationId) {
        if (conversationId.isEmpty() || conversationId.length() > MAX_ID_CHARS) {
            throw ApiException.notFound("no such conversation");
        }
    }

    private static CannedResponse accepted(CannedResponses.Outcome outcome) {
        if (outcome.refusal() == null) {
            return outcome.response();
        }
        throw switch (outcome.refusal()) {
            case NOT_FOUND -> ApiException.notFound("no such canned response of yours");
            case TAKEN -> ApiException.conflict("that shortcut is taken");
            case FULL -> ApiException.conflict("at most " + CannedResponses.MAX_PER_OWNER + " canned responses each");
        };
    }
}
