package io.parley.gateway.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.rest.JsonBody;
import io.parley.gateway.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's inbox: the tenant's conversations by view and filter in keyset pages, and their tags. Agents see
 * their own, the queue and their closed ones; supervisors and admins every conversation of the tenant.
 */
@Path("/api/v1")
@Tag(name = "conversations")
@RolesAllowed({ "agent", "supervisor", "admin" })
public class InboxResource {
    static final int MAX_PAGE = 100;
    private static final Set<String> STATUSES = Set.of("open", "queued", "assigned", "bot", "closed");
    private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final int MAX_ID_CHARS = 128;

    /** The body of a tags change: the whole new set. */
    public record TagsRequest(List<String> tags) {
    }

    /** A conversation's tags after a change, sorted. */
    public record Tags(String conversationId, List<String> tags) {
    }

    /** The tags a tenant uses, most used first. */
    public record TagsInUse(List<String> tags) {
    }

    private final InboxList list;
    private final ConversationDetailsQuery details;
    private final ConversationTags tags;
    private final Caller caller;

    public InboxResource(InboxList list, ConversationDetailsQuery details, ConversationTags tags, Caller caller) {
        this.list = list;
        this.details = details;
        this.tags = tags;
        this.caller = caller;
    }

    @GET
    @Path("/conversations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The inbox: conversations of a view, newest activity first, in keyset pages")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InboxItem.Page.class)))
    @APIResponse(responseCode = "400", description = "a parameter out of range (each one named)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "view 'all' without role supervisor or admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<InboxItem.Page> list(@QueryParam("view") String view, @QueryParam("status") String status,
            @QueryParam("group") String group, @QueryParam("tag") String tag, @QueryParam("channel") String channel,
            @QueryParam("limit") String limit, @QueryParam("after") String after) {
        String tenant = caller.tenant();
        List<String> problems = new ArrayList<>();
        InboxQuery.View chosen = view == null ? InboxQuery.View.MINE : InboxQuery.View.fromWire(view);
        if (chosen == null) {
            problems.add("'view' must be one of mine, queued, all, closed");
        }
        if (status != null && !STATUSES.contains(status)) {
            problems.add("'status' must be one of open, queued, assigned, bot, closed");
        }
        if (group != null && !GROUP.matcher(group).matches()) {
            problems.add("'group' is not a group id");
        }
        if (channel != null && !CHANNEL.matcher(channel).matches()) {
            problems.add("'channel' is not a channel name");
        }
        String wantedTag = tag == null ? null : ConversationTags.normalise(tag);
        if (tag != null && wantedTag == null) {
            problems.add("'tag' is not a tag (letters, digits, inner spaces, '-', '_'; at most "
                    + ConversationTags.MAX_TAG_CHARS + " characters)");
        }
        int pageSize = QueryParams.limit(limit, 50, MAX_PAGE, problems);
        InboxCursor cursor = InboxCursor.decode(after);
        if (after != null && cursor == null) {
            problems.add("'after' is not a cursor from a previous page");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        boolean supervises = caller.hasRole("supervisor") || caller.hasRole("admin");
        if (chosen == InboxQuery.View.ALL && !supervises) {
            throw ApiException.forbidden("view 'all' is for supervisors and admins");
        }
        // Agents' closed view holds the conversations they were assigned last; supervisors see every closed one.
        return list.page(new InboxQuery(tenant, caller.id(), supervises, chosen, status, group, wantedTag, channel,
                cursor, pageSize));
    }

    @GET
    @Path("/conversations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One conversation for the console's sidebar: state, visitor, bot handover, tags, rating")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConversationDetails.class)))
    @APIResponse(responseCode = "404", description = "no such conversation in the tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<ConversationDetails> one(@PathParam("id") String conversationId) {
        String tenant = caller.tenant();
        if (conversationId.isEmpty() || conversationId.length() > MAX_ID_CHARS) {
            throw ApiException.notFound("no such conversation");
        }
        return details.find(tenant, conversationId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("no such conversation"));
    }

    @GET
    @Path("/conversation-tags")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tags the tenant's conversations carry, most used first (at most 200)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TagsInUse.class)))
    public Uni<TagsInUse> tagsInUse() {
        return tags.inUse(caller.tenant()).map(TagsInUse::new);
    }

    @PUT
    @Path("/conversations/{id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a conversation's tags (normalised to lower case; recorded in the audit log)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tags.class)))
    @APIResponse(responseCode = "400", description = "not a list of valid tags",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such conversation in the tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Tags> replaceTags(@PathParam("id") String conversationId, String body) {
        String tenant = caller.tenant();
        if (conversationId.isEmpty() || conversationId.length() > MAX_ID_CHARS) {
            throw ApiException.notFound("no such conversation");
        }
        TreeSet<String> wanted = tagsOf(JsonBody.object(body));
        return tags.replace(tenant, conversationId, caller.id(), wanted)
                .onItem().ifNull().failWith(() -> ApiException.notFound("no such conversation"))
                .map(stored -> new Tags(conversationId, stored));
    }

    /** The body's tags, normalised and distinct; a 400 naming what is wrong otherwise. */
    static TreeSet<String> tagsOf(JsonNode root) {
        if (root == null) {
            throw ApiException.badRequest("body must be a JSON object");
        }
        JsonNode array = root.get("tags");
        if (array == null || !array.isArray()) {
            throw ApiException.badRequest("'tags' must be an array of strings");
        }
        if (root.size() != 1) {
            throw ApiException.badRequest("only 'tags' is allowed in the body");
        }
        if (array.size() > ConversationTags.MAX_TAGS) {
            throw ApiException.badRequest("at most " + ConversationTags.MAX_TAGS + " tags");
        }
        TreeSet<String> result = new TreeSet<>();
        for (JsonNode item : array) {
            String tag = item.isTextual() ? ConversationTags.normalise(item.asText()) : null;
            if (tag == null) {
                throw ApiException.badRequest("each tag: letters, digits, inner spaces, '-' or '_', at most "
                        + ConversationTags.MAX_TAG_CHARS + " characters");
            }
            result.add(tag);
        }
        return result;
    }
}
