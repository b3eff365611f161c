package io.parley.gateway.page;

import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.tenant.PageOrigin;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The chat page (hosted, and framed by the widget) and the agent console's configuration. */
@Path("/")
public class PageResource {
    private final String chatPage = load("pages/chat.html");
    private final String oidcUrl;
    private final String consoleClientId;
    private final TenantDirectory tenants;

    public PageResource(GatewayConfig config, TenantDirectory tenants) {
        this.tenants = tenants;
        this.oidcUrl = config.console().oidcUrl();
        this.consoleClientId = config.console().clientId();
    }

    /**
     * The chat, the same page for every tenant (the script reads the tenant from the path): the hosted chat when
     * opened by itself, the widget's chat when the loader frames it with {@code ?embed=<the page's origin>}. Who may
     * frame it is for the browser to enforce: {@code frame-ancestors} names exactly the embedding origin, after it
     * was checked against the tenant's allow-list, and nobody for the hosted chat (docs/widget.md, "Origins").
     */
    @GET
    @Path("chat/{tenant}")
    @Operation(hidden = true) // a page, not an API
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> chat(@PathParam("tenant") String tenantId, @QueryParam("embed") String embed) {
        if (embed != null && !PageOrigin.isOrigin(embed)) {
            return Uni.createFrom().item(refusal(400, "The embedding page's origin is malformed."));
        }
        return tenants.find(tenantId).map(tenant -> {
            if (!tenant.exists()) {
                return refusal(404, "There is no chat here.");
            }
            if (embed != null && !tenant.allows(embed)) {
                return refusal(403, "This chat is not available on " + embed
                        + ": the site is not on the tenant's list of allowed origins.");
            }
            return Response.ok(chatPage).header("Content-Security-Policy",
                    "frame-ancestors " + (embed == null ? "'none'" : embed)).build();
        }).map(response -> {
            response.getHeaders().add("X-Content-Type-Options", "nosniff");
            response.getHeaders().add("Referrer-Policy", "no-referrer");
            return response;
        });
    }

    /** A page that says why there is no chat; it runs nothing, so it may be shown in any frame. */
    private static Response refusal(int status, String reason) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Chat unavailable</title></head>"
                + "<body style=\"font:15px system-ui,sans-serif;padding:1rem\"><p id=\"refused\">"
                + escape(reason) + "</p></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Where the console's browser-side login (authorization code + PKCE) goes. */
    @GET
    @Path("console/config.json")
    @Operation(hidden = true) // the console's own configuration
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> consoleConfig() {
        return Map.of("issuer", oidcUrl, "clientId", consoleClientId, "scopes", List.of("openid", "profile"));
    }

    private static String load(String resource) {
        try (InputStream in = PageResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
