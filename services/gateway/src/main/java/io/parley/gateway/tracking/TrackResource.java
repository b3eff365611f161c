package io.parley.gateway.tracking;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.parley.common.json.Json;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.tenant.PageOrigin;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The loader's page views and heartbeats (docs/widget.md, "Visitor tracking"). Sent as {@code text/plain} JSON so a
 * browser needs no CORS preflight; allowed sites get {@code Access-Control-Allow-Origin}, others 403, as for the widget's
 * config. The answer hands over an agent's invitation waiting for this device, once.
 */
@Path("/api/v1/widget/track")
@Tag(name = "widget")
public class TrackResource {
    private static final ObjectReader READER = Json.MAPPER.readerFor(PageView.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String COUNTRY = "[A-Z]{2}";

    /** The answer: an invitation to pop now, or null. */
    public record Tracked(Invitation invitation) {
    }

    private final TenantDirectory tenants;
    private final PageViews pageViews;
    private final LiveVisitors live;
    private final Validator validator;
    private final GatewayConfig config;

    public TrackResource(TenantDirectory tenants, PageViews pageViews, LiveVisitors live, Validator validator,
            GatewayConfig config) {
        this.tenants = tenants;
        this.pageViews = pageViews;
        this.live = live;
        this.validator = validator;
        this.config = config;
    }

    @POST
    @Consumes({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A page view or heartbeat of a page with the widget (public; CORS for the tenant's allowed"
            + " origins); answers a waiting invitation")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tracked.class)))
    @APIResponse(responseCode = "400", description = "malformed body or fields",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "site not on the allow-list, or tracking off for the tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "unknown tenant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> track(String body, @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @HeaderParam("User-Agent") String userAgent, @Context HttpHeaders headers) {
        PageView view = parse(body);
        String page = PageOrigin.of(origin, host, null);
        String countryValue = headers.getHeaderString(config.tracking().countryHeader());
        String country = countryValue != null && countryValue.trim().toUpperCase().matches(COUNTRY)
                ? countryValue.trim().toUpperCase() : null;
        String device = DeviceLabel.of(userAgent);
        long now = System.currentTimeMillis();
        return tenants.find(view.tenant()).chain(tenant -> {
            if (!tenant.exists()) {
                throw ApiException.notFound("unknown tenant");
            }
            if (!tenant.allows(page)) {
                throw ApiException.forbidden("origin not allowed for this tenant");
            }
            if (!tenant.widget().withDefaults().tracking()) {
                throw ApiException.forbidden("visitor tracking is off for this tenant");
            }
            Uni<Void> stored = view.heartbeat() ? Uni.createFrom().voidItem()
                    : pageViews.record(view.tenant(), view, device, country);
            return stored.chain(() -> live.report(view.tenant(), view, device, country, now))
                    .chain(() -> live.take(view.tenant(), view.deviceId()));
        }).map(invitation -> {
            Response.ResponseBuilder ok = Response.ok(new Tracked(invitation)).header("Cache-Control", "no-store")
                    .header("Vary", "Origin");
            return page == null ? ok.build() : ok.header("Access-Control-Allow-Origin", page).build();
        });
    }

    private PageView parse(String body) {
        PageView view;
        try {
            view = body == null || body.isBlank() ? null : READER.readValue(body);
        } catch (IOException e) {
            throw ApiException.badRequest("body must be a JSON object with tenant, deviceId, visitId and url"
                    + " (and optionally title, referrer, heartbeat)");
        }
        if (view == null) {
            throw ApiException.badRequest("body must be a JSON object with tenant, deviceId, visitId and url");
        }
        var violations = validator.validate(view);
        if (!violations.isEmpty()) {
            throw ApiException.badRequest(violations.stream().map(ConstraintViolation::getMessage).distinct().sorted()
                    .collect(Collectors.joining("; ")));
        }
        return view;
    }

}
