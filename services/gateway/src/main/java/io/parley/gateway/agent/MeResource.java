package io.parley.gateway.agent;

import io.parley.gateway.supervisor.TeamOverviewQuery;
import io.parley.gateway.tenant.AgentClaims;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the console's user is as the gateway sees their token: the console roles it grants, the tenant, and (for
 * agents) their load against their capacity. Any signed-in user may ask, so the console can say why it shows nothing
 * to a user without a console role instead of retrying a socket that will never open.
 */
@Path("/api/v1/me")
@Tag(name = "console")
@Authenticated
public class MeResource {
    /** The roles the console knows, in the order it shows them. */
    static final List<String> CONSOLE_ROLES = List.of("agent", "supervisor", "admin");

    /** {@code tenant} null: the token names none (the console refuses then). {@code load}: open conversations. */
    public record Me(String id, String name, String tenant, List<String> roles, int load, int capacity) {
    }

    private final SecurityIdentity identity;
    private final Pool pool;

    public MeResource(SecurityIdentity identity, Pool pool) {
        this.identity = identity;
        this.pool = pool;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed-in user: console roles, tenant, load and capacity")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Me.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token")
    public Uni<Me> me() {
        String id = identity.getPrincipal().getName();
        String name = AgentClaims.displayName(identity);
        String tenant = AgentClaims.tenant(identity);
        List<String> roles = CONSOLE_ROLES.stream().filter(identity::hasRole).toList();
        if (tenant == null || roles.isEmpty()) {
            return Uni.createFrom().item(new Me(id, name, tenant, tenant == null ? List.of() : roles, 0, 0));
        }
        return pool.preparedQuery("""
                SELECT (SELECT count(*) FROM conversation WHERE tenant_id = $1 AND assignee_id = $2
                          AND status <> 'closed') AS load,
                       (SELECT capacity FROM agent_profile WHERE tenant_id = $1 AND agent_id = $2) AS capacity""")
                .execute(Tuple.of(tenant, id)).map(rows -> {
                    var row = rows.iterator().next();
                    Integer capacity = row.getInteger("capacity");
                    return new Me(id, name, tenant, roles, row.getLong("load").intValue(),
                            capacity == null ? TeamOverviewQuery.DEFAULT_CAPACITY : capacity);
                });
    }
}
