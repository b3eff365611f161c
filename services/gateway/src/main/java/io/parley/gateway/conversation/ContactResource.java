package io.parley.gateway.conversation;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.ticket.ReplyMailer;
import io.parley.gateway.ticket.TicketEvents;
import io.parley.gateway.ticket.TicketRepository;
import io.parley.gateway.visitor.VisitorCaller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
 * The chat's offline form (docs/widget.md): a visitor nobody could answer leaves an email address; the open tickets of
 * their conversation carry it, so replies to them are mailed as well as shown in the chat (docs/tickets.md). Each
 * ticket keeps the change in its history, and its event goes out like any ticket change; the address gets a receipt
 * (the mail thread's first message).
 */
@Path("/api/v1/conversations/{id}/contact")
@Tag(name = "conversations")
public class ContactResource {
    private final ConversationDirectory conversations;
    private final TicketRepository tickets;
    private final VisitorCaller visitors;
    private final TicketEvents events;
    private final ReplyMailer mailer;

    public ContactResource(ConversationDirectory conversations, TicketRepository tickets, VisitorCaller visitors,
            TicketEvents events, ReplyMailer mailer) {
        this.mailer = mailer;
        this.conversations = conversations;
        this.tickets = tickets;
        this.visitors = visitors;
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Leave an email address for the answer to a conversation nobody could take (its open tickets)")
    @APIResponse(responseCode = "204", description = "the conversation's open tickets carry the address")
    @APIResponse(responseCode = "400", description = "not an email address, or too long",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "no valid visitor token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "origin not allowed for this tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such conversation of this visitor",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "no open ticket: the team answers in the chat",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> leave(@PathParam("id") String conversationId,
            @Valid @NotNull(message = "body must be a JSON object") ContactRequest body,
            @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        return visitors.authorize(authorization, origin, host).chain(claims -> conversations.find(conversationId)
                .chain(view -> {
                    if (view == null || !view.tenant().equals(claims.tenant())
                            || !view.visitorId().equals(claims.visitorId())) {
                        throw ApiException.notFound("no such conversation");
                    }
                    return tickets.leaveContact(claims.tenant(), conversationId, claims.visitorId(),
                            body.email().strip(), body.name() == null || body.name().isBlank() ? null
                                    : body.name().strip());
                })).chain(changed -> {
                    if (changed.isEmpty()) {
                        throw new ApiException(409, "invalid_state", "no open ticket: the team answers in the chat");
                    }
                    events.nudge();
                    // The receipts go once the addresses are stored; a failed one is logged and counted, not refused.
                    return Multi.createFrom().iterable(changed)
                            .onItem().transformToUniAndConcatenate(ticket -> mailer.acknowledge(ticket, body.locale()))
                            .collect().asList().replaceWith(Response.noContent().build());
                });
    }
}
