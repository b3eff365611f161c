package io.parley.gateway.search;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.inbox.InboxCursor;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search across the tenant's whole history, Chinese and English (docs/console.md, "Search"). */
@Path("/api/v1/search")
@Tag(name = "conversations")
@RolesAllowed({ "agent", "supervisor", "admin" })
public class SearchResource {
    static final int MAX_PAGE = 50;

    private final MessageSearch search;
    private final Caller caller;

    public SearchResource(MessageSearch search, Caller caller) {
        this.search = search;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Messages (newest first) and conversations (by visitor or tag) matching every term of q")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SearchHit.Results.class)))
    @APIResponse(responseCode = "400", description = "q missing, too long, without letters or digits, or too many terms",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<SearchHit.Results> search(@QueryParam("q") String q, @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        String tenant = caller.tenant();
        List<String> problems = new ArrayList<>();
        SearchTerms terms = null;
        if (q == null || q.isBlank()) {
            problems.add("'q' is required");
        } else if (q.length() > SearchTerms.MAX_CHARS) {
            problems.add("'q' must be at most " + SearchTerms.MAX_CHARS + " characters");
        } else {
            terms = SearchTerms.parse(q);
            if (terms == null) {
                problems.add("'q' has no letters or digits to search for");
            } else if (terms.terms().size() > SearchTerms.MAX_TERMS) {
                problems.add("'q' may have at most " + SearchTerms.MAX_TERMS + " terms");
            }
        }
        int pageSize = QueryParams.limit(limit, 20, MAX_PAGE, problems);
        InboxCursor cursor = InboxCursor.decode(after);
        if (after != null && cursor == null) {
            problems.add("'after' is not a cursor from a previous page");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return search.search(tenant, terms, cursor, pageSize);
    }
}
