package io.parley.gateway.widget;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.tenant.PageOrigin;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The widget's public configuration: what the loader needs to draw the launcher on a tenant's page, and what the chat
 * needs to speak the tenant's texts. Read by the loader from the tenant's site, so it answers that site's Origin with
 * CORS when the site is on the tenant's allow-list, and refuses any other site: a page outside the allow-list gets no
 * launcher.
 */
@Path("/api/v1/widget/config/{tenant}")
@Tag(name = "visitors")
public class WidgetConfigResource {
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final TenantDirectory tenants;

    public WidgetConfigResource(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** The tenant's widget, with Parley's defaults where the tenant set nothing. */
    public record WidgetConfig(String tenant, String color, String position, String title, String avatarUrl,
            String greeting, boolean sound, java.util.Map<String, java.util.Map<String, String>> texts,
            WidgetSettings.PreChat preChat, int maxUploadBytes, boolean tracking,
            java.util.List<WidgetSettings.InvitationRule> invitations) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The widget's look and texts for a tenant (public; CORS for the tenant's allowed origins)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WidgetConfig.class)))
    @APIResponse(responseCode = "400", description = "malformed tenant id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "the requesting site is not on the tenant's allow-list",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "unknown tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> get(@PathParam("tenant") String tenantId, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        if (!TENANT.matcher(tenantId).matches()) {
            throw ApiException.badRequest("'tenant' must be 1..64 of A-Z a-z 0-9 _ . -");
        }
        return tenants.find(tenantId).map(tenant -> {
            if (!tenant.exists()) {
                throw ApiException.notFound("unknown tenant");
            }
            String page = PageOrigin.of(origin, host, null);
            if (!tenant.allows(page)) {
                throw ApiException.forbidden("origin not allowed for this tenant");
            }
            WidgetSettings w = tenant.widget().withDefaults();
            Response.ResponseBuilder ok = Response.ok(new WidgetConfig(tenant.id(), w.color(), w.position(), w.title(),
                    w.avatarUrl(), w.greeting(), w.sound(), w.texts(), w.preChat(), w.maxUploadBytes(),
                    w.tracking(), w.invitations()))
                    .header("Cache-Control", "no-cache").header("Vary", "Origin");
            return page == null ? ok.build() : ok.header("Access-Control-Allow-Origin", page).build();
        });
    }
}
