package io.parley.gateway.page;

import io.parley.gateway.config.GatewayConfig;
import jakarta.ws.rs.GET;
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

/** The first versions of the hosted chat page and the agent console's configuration. */
@Path("/")
public class PageResource {
    private final String chatPage = load("pages/chat.html");
    private final String oidcUrl;
    private final String consoleClientId;

    public PageResource(GatewayConfig config) {
        this.oidcUrl = config.console().oidcUrl();
        this.consoleClientId = config.console().clientId();
    }

    /** The same page for every tenant: the script reads the tenant from the path. */
    @GET
    @Path("chat/{tenant}")
    @Operation(hidden = true) // a page, not an API
    @Produces(MediaType.TEXT_HTML)
    public String chat(@PathParam("tenant") String tenant) {
        return chatPage;
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
