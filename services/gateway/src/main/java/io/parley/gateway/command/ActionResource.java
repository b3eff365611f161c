package io.parley.gateway.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.Ids;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationCommand;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.common.wire.FrameParser;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.rest.JsonBody;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agent and supervisor actions over REST, the same as the socket's {@code action} frame: accept, transfer,
 * close, reopen, reassign. Answers once routing has applied or refused the action. The body is read by the frame
 * parser's rules for {@code action} ({@code FrameParser.actionFields}), so both ways refuse the same input with the
 * same words.
 */
@Path("/api/v1/conversations/{id}/actions")
@Tag(name = "conversations")
public class ActionResource {
    /** The new state of the conversation after an applied action. */
    public record ActionResult(String conversationId, ConversationStatus status, Participant assignee) {
    }

    private final CommandGateway commands;
    private final Caller caller;

    public ActionResource(CommandGateway commands, Caller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ "agent", "supervisor" })
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept, transfer, close, reopen or reassign a conversation (docs/protocol.md)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ActionRequest.class)))
    @APIResponse(responseCode = "200", description = "applied",
            content = @Content(schema = @Schema(implementation = ActionResult.class)))
    @APIResponse(responseCode = "400", description = "invalid action",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such conversation in the tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "refused by the conversation's state or the agent's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "not confirmed in time",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<ActionResult> act(@PathParam("id") String conversationId, String body) {
        String tenant = caller.tenant();
        if (conversationId.isEmpty() || conversationId.length() > FrameParser.MAX_ID_CHARS) {
            throw ApiException.notFound("no such conversation");
        }
        JsonNode root = JsonBody.object(body);
        if (root == null) {
            throw ApiException.badRequest("body must be a JSON object");
        }
        FrameParser.ActionFields fields = FrameParser.actionFields(root);
        if (fields.error() != null) {
            throw ApiException.badRequest(fields.error());
        }
        ConversationCommand command = new ConversationCommand(tenant, conversationId, Participant.agent(caller.id(),
                null), caller.hasRole("supervisor"), fields.action(), fields.toAgent(), fields.toGroup(),
                fields.note(), "rest-" + Ids.uuidV7(), commands.gatewayId(), System.currentTimeMillis());
        return commands.act(command)
                .onFailure(TimeoutException.class).transform(e -> ApiException.unavailable(
                        "action not confirmed in time; check the conversation's state before retrying"))
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> ApiException.unavailable(
                        "action could not be recorded; retry"))
                .map(ActionResource::result);
    }

    static ActionResult result(CommandResult result) {
        if (result.applied()) {
            return new ActionResult(result.conversationId(), result.status(), result.assignee());
        }
        int status = switch (result.code()) {
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case INVALID_STATE, AGENT_UNAVAILABLE -> 409;
            case BAD_FRAME, TOO_LARGE -> 400;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
        throw new ApiException(status, result.code().wire(), result.message());
    }

    /** The body, as documented (read field by field by the frame parser's rules). */
    @Schema(name = "ActionRequest")
    public record ActionRequest(@Schema(required = true, enumeration = { "accept", "transfer", "close", "reopen",
            "reassign" }) String action, String toAgent, String toGroup, String note) {
    }
}
