package io.parley.gateway.ticket;

import io.parley.common.Ids;
import io.parley.common.event.InboundMessage;
import io.parley.common.model.Participant;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.command.CommandGateway;
import io.parley.gateway.command.InboundPublisher;
import io.parley.gateway.conversation.ConversationDirectory;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tickets for agents, supervisors and admins of the caller's tenant (docs/tickets.md): create, list with filters and
 * keyset pages, read with history, change fields, reply (public: also sent to the ticket's conversation) and note
 * (private). Another tenant's tickets do not exist here.
 */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "supervisor", "admin" })
@Tag(name = "tickets")
@APIResponse(responseCode = "400", description = "invalid input, every problem named",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "404", description = "no such ticket (or conversation) in the tenant",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class TicketResource {
    static final Set<String> SORTS = Set.of("created_desc", "created_asc", "updated_desc");
    static final int MAX_PAGE = 100;
    /** A reply is also a chat message: the chat's limit. */
    static final int MAX_REPLY = 4000;

    /** Whether a reply also reached the ticket's conversation, and the requester's mailbox. */
    public record Delivery(boolean delivered, boolean emailed) {
    }

    private final TicketRepository tickets;
    private final ReplyMailer mailer;
    private final TicketList lists;
    private final ConversationDirectory conversations;
    private final InboundPublisher inbound;
    private final TicketEvents events;
    private final CommandGateway commands;
    private final Caller caller;

    public TicketResource(TicketRepository tickets, TicketList lists, ConversationDirectory conversations,
            InboundPublisher inbound, TicketEvents events, CommandGateway commands, Caller caller, ReplyMailer mailer) {
        this.mailer = mailer;
        this.tickets = tickets;
        this.lists = lists;
        this.conversations = conversations;
        this.inbound = inbound;
        this.events = events;
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a ticket")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = TicketView.class)))
    public Uni<Response> create(@Valid @NotNull(message = "body must be a JSON object") TicketRequests.NewTicket body) {
        String tenant = caller.tenant();
        Uni<Boolean> conversationOk = body.conversationId() == null ? Uni.createFrom().item(true)
                : conversations.find(body.conversationId()).map(c -> c != null && c.tenant().equals(tenant));
        return conversationOk.chain(ok -> {
            if (!ok) {
                throw ApiException.notFound("no such conversation");
            }
            return tickets.create(tenant, caller.id(), new TicketRepository.Draft(body.conversationId(),
                    body.subject(), body.requesterId(), body.requesterName(), body.priority(), body.assigneeId(),
                    body.groupId(), body.tags(), body.body()));
        }).invoke(events::nudge).map(t -> Response.status(201).entity(t).build());
    }

    @GET
    @Operation(summary = "A page of the tenant's tickets")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.Page.class)))
    public Uni<TicketView.Page> list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
            @QueryParam("group") String group, @QueryParam("tag") String tag,
            @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("after") String after) {
        String tenant = caller.tenant();
        List<String> problems = new ArrayList<>();
        if (status != null && !status.matches(TicketRequests.STATUS + "|active")) {
            problems.add("'status' must be one of open, pending, solved, closed, active");
        }
        String order = sort == null ? "created_desc" : sort;
        if (!SORTS.contains(order)) {
            problems.add("'sort' must be one of created_desc, created_asc, updated_desc");
        }
        OffsetDateTime from = QueryParams.time(createdFrom, "createdFrom", problems);
        OffsetDateTime to = QueryParams.time(createdTo, "createdTo", problems);
        int pageSize = QueryParams.limit(limit, 25, MAX_PAGE, problems);
        Cursor cursor = after == null ? null : Cursor.decode(after);
        if (after != null && cursor == null) {
            problems.add("'after' is not a cursor from a previous page");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        TicketList.Query query = new TicketList.Query(status, assignee, group, tag, from, to, order,
                cursor == null ? null : cursor.time(), cursor == null ? null : cursor.id(), pageSize);
        return lists.page(tenant, query).map(page -> {
            String next = null;
            if (page.size() == pageSize) {
                TicketView last = page.get(page.size() - 1);
                next = new Cursor(order.equals("updated_desc") ? last.updatedAt() : last.createdAt(), last.id())
                        .encode();
            }
            return new TicketView.Page(page, next);
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A ticket with its thread and history")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.WithHistory.class)))
    public Uni<TicketView.WithHistory> get(@PathParam("id") long id) {
        return tickets.withHistory(caller.tenant(), id).map(TicketResource::found);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change status, priority, assignee, group or tags (null clears)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.class)))
    public Uni<TicketView> update(@PathParam("id") long id, Map<String, Object> body) {
        Map<String, Object> changes = TicketRequests.changes(body);
        return tickets.update(caller.tenant(), id, caller.id(), changes).map(TicketResource::found)
                .invoke(events::nudge);
    }

    /** A public reply: kept on the ticket and, if it has a conversation, sent to the visitor there. */
    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A public reply, also sent to the ticket's conversation")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "503", description = "kept on the ticket but not sent to the conversation: retry",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> reply(@PathParam("id") long id,
            @Valid @NotNull(message = "'body' is required: 1..10000 characters") TicketRequests.NewEntry body) {
        if (body.body().codePointCount(0, body.body().length()) > MAX_REPLY) {
            throw ApiException.badRequest("a reply is also a chat message: at most " + MAX_REPLY + " characters");
        }
        String tenant = caller.tenant();
        return tickets.addEntry(tenant, id, "reply", caller.id(), body.body()).map(TicketResource::found)
                .invoke(events::nudge)
                .chain(ticket -> mailer.mail(ticket, caller.id(), body.body()).chain(emailed ->
                        ticket.conversationId() == null ? created(false, emailed)
                                : sendToConversation(tenant, ticket, body.body(), emailed)));
    }

    /** A private note: agents only, never shown to the visitor. */
    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A private note, never shown to the visitor")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Delivery.class)))
    public Uni<Response> note(@PathParam("id") long id,
            @Valid @NotNull(message = "'body' is required: 1..10000 characters") TicketRequests.NewEntry body) {
        return tickets.addEntry(caller.tenant(), id, "note", caller.id(), body.body()).map(TicketResource::found)
                .invoke(events::nudge).chain(ticket -> created(false, false));
    }

    /**
     * Into the conversation through the durable path, as the ticket desk (routing accepts system senders within the
     * tenant; the agent's name travels as the sender name).
     */
    private Uni<Response> sendToConversation(String tenant, TicketView ticket, String text, boolean emailed) {
        InboundMessage message = new InboundMessage(tenant, ticket.conversationId(), false,
                new Participant(Participant.Kind.SYSTEM, "ticket-" + ticket.id(), caller.id()), "ticket-" + Ids.uuidV7(),
                text, commands.gatewayId(), System.currentTimeMillis());
        return inbound.publish(message).chain(() -> created(true, emailed))
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> ApiException.unavailable(
                        "the reply is on the ticket but could not be sent to the conversation; retry"));
    }

    private static Uni<Response> created(boolean delivered, boolean emailed) {
        return Uni.createFrom().item(Response.status(201).entity(new Delivery(delivered, emailed)).build());
    }

    private static <T> T found(T ticket) {
        if (ticket == null) {
            throw ApiException.notFound("no such ticket");
        }
        return ticket;
    }

    /** Keyset position: the sort column's value and the id of the last row of the previous page. */
    record Cursor(OffsetDateTime time, long id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((time + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String value) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(OffsetDateTime.parse(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
