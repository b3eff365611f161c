package io.parley.gateway.admin;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.rest.Caller;
import io.parley.gateway.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's audit log for admins (docs/routing.md): the agents', supervisors' and admins' changes, newest first,
 * filtered and paged by {@code beforeId}.
 */
@Path("/api/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AuditResource {
    static final int MAX_PAGE = 200;

    private final AuditLog log;
    private final Caller caller;

    public AuditResource(AuditLog log, Caller caller) {
        this.log = log;
        this.caller = caller;
    }

    /**
     * Filters: conversationId, actor, action, from/to (ISO-8601 with offset, to exclusive); limit 1..200 (50). Admins
     * and supervisors (the console's supervisor view searches it); agents never.
     */
    @GET
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "A page of the audit log, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "invalid query, every problem named",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<AuditPage> page(@QueryParam("conversationId") String conversationId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("beforeId") String beforeId, @QueryParam("limit") String limit) {
        String tenant = caller.tenant();
        List<String> problems = new ArrayList<>();
        OffsetDateTime fromTime = QueryParams.time(from, "from", problems);
        OffsetDateTime toTime = QueryParams.time(to, "to", problems);
        Long before = null;
        if (beforeId != null) {
            before = beforeId.matches("[0-9]{1,18}") ? Long.valueOf(beforeId) : null;
            if (before == null) {
                problems.add("'beforeId' must be an id from a previous page");
            }
        }
        int pageSize = QueryParams.limit(limit, 50, MAX_PAGE, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return log.page(tenant, new AuditLog.Query(conversationId, actor, action, fromTime, toTime, before, pageSize));
    }
}
