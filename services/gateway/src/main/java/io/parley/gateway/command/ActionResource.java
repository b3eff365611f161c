package io.parley.gateway.command;

import io.parley.gateway.rest.JsonBody;
import io.parley.gateway.rest.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.Ids;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationCommand;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.wire.FrameParser;
import io.parley.gateway.tenant.AgentClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.TimeoutException;

/**
 * Agent and supervisor actions over REST, the same as the socket's {@code action} frame: accept, transfer,
 * close, reopen, reassign. Answers once routing has applied or refused the action.
 */
@Path("/api/v1/conversations/{id}/actions")
public class ActionResource {
    /** The new state of the conversation after an applied action. */
    public record ActionResult(String conversationId, ConversationStatus status, Participant assignee) {
    }

    private final CommandGateway commands;

    @Inject
    SecurityIdentity identity;

    public ActionResource(CommandGateway commands) {
        this.commands = commands;
    }

    @POST
    @RolesAllowed({ "agent", "supervisor" })
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> act(@PathParam("id") String conversationId, String body) {
        String tenant = AgentClaims.tenant(identity);
        if (tenant == null) {
            return ApiError.uni(403, "forbidden", "token has no tenant");
        }
        if (conversationId.isEmpty() || conversationId.length() > FrameParser.MAX_ID_CHARS) {
            return ApiError.uni(404, "not_found", "no such conversation");
        }
        JsonNode root = JsonBody.object(body);
        if (root == null) {
            return ApiError.notAnObject();
        }
        FrameParser.ActionFields fields = FrameParser.actionFields(root);
        if (fields.error() != null) {
            return ApiError.uni(400, "bad_request", fields.error());
        }
        Participant actor = Participant.agent(identity.getPrincipal().getName(), null);
        ConversationCommand command = new ConversationCommand(tenant, conversationId, actor,
                identity.hasRole("supervisor"), fields.action(), fields.toAgent(), fields.toGroup(), fields.note(),
                "rest-" + Ids.uuidV7(), commands.gatewayId(), System.currentTimeMillis());
        return commands.act(command).map(ActionResource::response)
                .onFailure(TimeoutException.class).recoverWithItem(e -> ApiError.response(503, "unavailable",
                        "action not confirmed in time; check the conversation's state before retrying"))
                .onFailure().recoverWithItem(e -> ApiError.response(503, "unavailable",
                        "action could not be recorded; retry"));
    }

    static Response response(CommandResult result) {
        if (result.applied()) {
            return Response.ok(new ActionResult(result.conversationId(), result.status(), result.assignee())).build();
        }
        int status = switch (result.code()) {
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case INVALID_STATE, AGENT_UNAVAILABLE -> 409;
            case BAD_FRAME, TOO_LARGE -> 400;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
        return ApiError.response(status, result.code().wire(), result.message());
    }
}
