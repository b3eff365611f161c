package io.parley.gateway.ticket;

import io.parley.gateway.rest.JsonBody;
import io.parley.gateway.rest.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.Ids;
import io.parley.common.event.InboundMessage;
import io.parley.common.model.Participant;
import io.parley.gateway.tenant.AgentClaims;
import io.parley.gateway.conversation.ConversationDirectory;
import io.parley.gateway.command.InboundPublisher;
import io.parley.gateway.command.CommandGateway;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tickets for agents, supervisors and admins of the caller's tenant: create, list with filters and keyset
 * pages, read with history, change fields, reply (public: also sent to the ticket's conversation) and note
 * (private). Another tenant's tickets do not exist here.
 */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "supervisor", "admin" })
public class TicketResource {
    static final Set<String> STATUSES = Set.of("open", "pending", "solved", "closed");
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    static final Set<String> SORTS = Set.of("created_desc", "created_asc", "updated_desc");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    static final int MAX_BODY = 10_000;
    static final int MAX_PAGE = 100;

    public record Page(List<TicketStore.Ticket> tickets, String next) {
    }

    public record TicketWithHistory(TicketStore.Ticket ticket, List<TicketStore.Entry> entries) {
    }

    private final TicketStore store;
    private final ConversationDirectory conversations;
    private final InboundPublisher inbound;
    private final TicketEvents events;
    private final CommandGateway commands;

    @Inject
    SecurityIdentity identity;

    public TicketResource(TicketStore store, ConversationDirectory conversations, InboundPublisher inbound,
            TicketEvents events, CommandGateway commands) {
        this.store = store;
        this.conversations = conversations;
        this.inbound = inbound;
        this.events = events;
        this.commands = commands;
    }

    private String tenant() {
        return AgentClaims.tenant(identity);
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(String body) {
        if (tenant() == null) {
            return ApiError.uni(403, "forbidden", "token has no tenant");
        }
        JsonNode root = JsonBody.object(body);
        if (root == null) {
            return ApiError.notAnObject();
        }
        List<String> problems = new ArrayList<>();
        String subject = JsonBody.text(root, "subject");
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            problems.add("'subject' is required: 1..200 characters");
        }
        String requester = JsonBody.text(root, "requesterId");
        if (requester == null || !ID.matcher(requester).matches()) {
            problems.add("'requesterId' is required: 1..64 of A-Z a-z 0-9 _ . @ -");
        }
        String requesterName = JsonBody.text(root, "requesterName");
        String priority = root.hasNonNull("priority") ? root.get("priority").asText() : "normal";
        if (!PRIORITIES.contains(priority)) {
            problems.add("'priority' must be one of low, normal, high, urgent");
        }
        String assignee = optionalId(root, "assigneeId", problems);
        String group = optionalId(root, "groupId", problems);
        String conversationId = optionalId(root, "conversationId", problems);
        List<String> tags = tags(root, problems);
        String note = JsonBody.text(root, "body");
        if (note != null && note.length() > MAX_BODY) {
            problems.add("'body' must be at most " + MAX_BODY + " characters");
        }
        if (!problems.isEmpty()) {
            return ApiError.invalid(problems);
        }
        TicketStore.Ticket draft = new TicketStore.Ticket(0, conversationId, subject, requester, requesterName,
                "open", priority, assignee, group, tags, null, null);
        Uni<Boolean> conversationOk = conversationId == null ? Uni.createFrom().item(true)
                : conversations.find(conversationId).map(c -> c != null && c.tenant().equals(tenant()));
        return conversationOk.chain(ok -> !ok ? ApiError.uni(404, "not_found", "no such conversation")
                : store.create(tenant(), me(), draft, note).invoke(events::nudge)
                        .map(t -> Response.status(201).entity(t).build()));
    }

    @GET
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
            @QueryParam("group") String group, @QueryParam("tag") String tag,
            @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
            @QueryParam("sort") String sort, @QueryParam("limit") String limitParam,
            @QueryParam("after") String after) {
        if (tenant() == null) {
            return ApiError.uni(403, "forbidden", "token has no tenant");
        }
        List<String> problems = new ArrayList<>();
        if (status != null && !STATUSES.contains(status) && !status.equals("active")) {
            problems.add("'status' must be one of open, pending, solved, closed, active");
        }
        String order = sort == null ? "created_desc" : sort;
        if (!SORTS.contains(order)) {
            problems.add("'sort' must be one of created_desc, created_asc, updated_desc");
        }
        OffsetDateTime from = time(createdFrom, "createdFrom", problems);
        OffsetDateTime to = time(createdTo, "createdTo", problems);
        int limit = 25;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                problems.add("'limit' must be 1.." + MAX_PAGE);
            }
        }
        Cursor cursor = after == null ? null : Cursor.decode(after);
        if (after != null && cursor == null) {
            problems.add("'after' is not a cursor from a previous page");
        }
        if (!problems.isEmpty()) {
            return ApiError.invalid(problems);
        }
        int pageSize = limit;
        TicketStore.Query query = new TicketStore.Query(status, assignee, group, tag, from, to, order,
                cursor == null ? null : cursor.time(), cursor == null ? null : cursor.id(), pageSize);
        return store.list(tenant(), query).map(tickets -> {
            String next = null;
            if (tickets.size() == pageSize) {
                TicketStore.Ticket last = tickets.get(tickets.size() - 1);
                next = new Cursor(order.equals("updated_desc") ? last.updatedAt() : last.createdAt(), last.id())
                        .encode();
            }
            return Response.ok(new Page(tickets, next)).build();
        });
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") long id) {
        if (tenant() == null) {
            return ApiError.uni(403, "forbidden", "token has no tenant");
        }
        return store.find(tenant(), id).chain(t -> t == null ? ApiError.uni(404, "not_found", "no such ticket")
                : store.entries(id).map(entries -> Response.ok(new TicketWithHistory(t, entries)).build()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> update(@PathParam("id") long id, String body) {
        if (tenant() == null) {
            return ApiError.uni(403, "forbidden", "token has no tenant");
        }
        JsonNode root = JsonBody.object(body);
        if (root == null || root.isEmpty()) {
            return ApiError.uni(400, "bad_request", "body must be a JSON object with at least one field to change");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        root.fieldNames().forEachRemaining(field -> {
            switch (field) {
                case "status" -> {
                    String v = JsonBody.text(root, field);
                    if (v == null || !STATUSES.contains(v)) {
                        problems.add("'status' must be one of open, pending, solved, closed");
                    }
                    changes.put("status", v);
                }
                case "priority" -> {
                    String v = JsonBody.text(root, field);
                    if (v == null || !PRIORITIES.contains(v)) {
                        problems.add("'priority' must be one of low, normal, high, urgent");
                    }
                    changes.put("priority", v);
                }
                case "assigneeId", "groupId" -> changes.put(field, optionalId(root, field, problems));
                case "tags" -> changes.put("tags", tags(root, problems));
                default -> problems.add("'" + field + "' cannot be changed");
            }
        });
        if (!problems.isEmpty()) {
            return ApiError.invalid(problems);
        }
        return ApiError.okOr404(store.update(tenant(), id, me(), changes).invoke(t -> {
            if (t != null) {
                events.nudge();
            }
        }), "no such ticket");
    }

    /** A public reply: kept on the ticket and, if it has a conversation, sent to the visitor there. */
    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> reply(@PathParam("id") long id, String body) {
        return entry(id, "reply", body);
    }

    /** A private note: agents only, never shown to the visitor. */
    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> note(@PathParam("id") long id, String body) {
        return entry(id, "note", body);
    }

    private Uni<Response> entry(long id, String kind, String body) {
        if (tenant() == null) {
            return ApiError.uni(403, "forbidden", "token has no tenant");
        }
        JsonNode root = JsonBody.object(body);
        String text = root == null ? null : JsonBody.text(root, "body");
        if (text == null || text.isBlank() || text.length() > MAX_BODY) {
            return ApiError.uni(400, "bad_request", "'body' is required: 1.." + MAX_BODY + " characters");
        }
        if (kind.equals("reply") && text.codePointCount(0, text.length()) > 4000) {
            return ApiError.uni(400, "bad_request", "a reply is also a chat message: at most 4000 characters");
        }
        return store.find(tenant(), id).chain(ticket -> {
            if (ticket == null) {
                return ApiError.uni(404, "not_found", "no such ticket");
            }
            return store.addEntry(tenant(), id, kind, me(), text).invoke(events::nudge)
                    .chain(() -> {
                if (!kind.equals("reply") || ticket.conversationId() == null) {
                    return Uni.createFrom().item(Response.status(201).entity(Map.of("delivered", false)).build());
                }
                // Into the conversation through the durable path, as the ticket desk (routing accepts system
                // senders within the tenant; the agent's name travels as the sender name).
                InboundMessage message = new InboundMessage(tenant(), ticket.conversationId(), false,
                        new Participant(Participant.Kind.SYSTEM, "ticket-" + id, me()), "ticket-" + Ids.uuidV7(), text,
                        commands.gatewayId(), System.currentTimeMillis());
                return inbound.publish(message)
                        .replaceWith(Response.status(201).entity(Map.of("delivered", true)).build())
                        .onFailure().recoverWithItem(e -> ApiError.response(503, "unavailable",
                                "the reply is on the ticket but could not be sent to the conversation; retry"));
            });
        });
    }

    // ------------------------------------------------------------------ validation

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

    private static OffsetDateTime time(String value, String name, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (RuntimeException e) {
            problems.add("'" + name + "' must be an ISO-8601 date-time with an offset");
            return null;
        }
    }

    private static String optionalId(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !ID.matcher(node.asText()).matches()) {
            problems.add("'" + field + "' must be 1..64 of A-Z a-z 0-9 _ . @ -");
            return null;
        }
        return node.asText();
    }

    private static List<String> tags(JsonNode root, List<String> problems) {
        JsonNode node = root.get("tags");
        List<String> tags = new ArrayList<>();
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isArray() || node.size() > 20) {
            problems.add("'tags' must be an array of at most 20 tags");
            return tags;
        }
        for (JsonNode tag : node) {
            if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > 50) {
                problems.add("each tag must be 1..50 characters");
                return tags;
            }
            if (!tags.contains(tag.asText())) {
                tags.add(tag.asText());
            }
        }
        return tags;
    }
}
