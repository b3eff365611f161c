package io.parley.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.Ids;
import io.parley.common.model.RoutingHints;
import io.parley.gateway.auth.IdentityVerification;
import io.parley.gateway.auth.VisitorTokens;
import io.parley.gateway.service.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Starts (or continues) a visitor: returns the short-lived token the visitor socket needs. */
@Path("/api/v1/widget/sessions")
public class WidgetSessionResource {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_NAME = 100;
    private static final int MAX_ATTRIBUTES = 50;
    private static final int MAX_SKILLS = 10;

    public record Session(String visitorId, String token, String expiresAt) {
    }

    private final VisitorTokens tokens;
    private final TenantDirectory tenants;

    public WidgetSessionResource(VisitorTokens tokens, TenantDirectory tenants) {
        this.tokens = tokens;
        this.tenants = tenants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> create(JsonNode body, @HeaderParam("Origin") String origin) {
        String problem = validate(body);
        if (problem != null) {
            return ApiError.uni(400, "bad_request", problem);
        }
        String tenantId = body.get("tenant").asText();
        return tenants.find(tenantId).map(tenant -> {
            if (!tenant.exists()) {
                return ApiError.response(404, "not_found", "unknown tenant");
            }
            if (!tenant.allows(origin)) {
                return ApiError.response(403, "forbidden", "origin not allowed for this tenant");
            }
            String visitorId = body.hasNonNull("visitorId") ? body.get("visitorId").asText() : "v-" + Ids.uuidV7();
            String name = body.hasNonNull("name") ? body.get("name").asText() : null;
            RoutingHints routing = routing(body);
            if (routing.vip() && !IdentityVerification.verified(tenant.identitySecret(),
                    body.hasNonNull("visitorId") ? visitorId : null, text(body, "identityHash"))) {
                return ApiError.response(403, "forbidden",
                        "routing.vip needs 'visitorId' and a valid 'identityHash' from the tenant's backend");
            }
            Instant now = Instant.now();
            return Response.status(201).entity(new Session(visitorId,
                    tokens.issue(tenantId, visitorId, name, routing, now), tokens.expiry(now).toString())).build();
        });
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    /** Validated by {@link #validate}. */
    static RoutingHints routing(JsonNode body) {
        JsonNode routing = body.get("routing");
        if (routing == null || routing.isNull()) {
            return RoutingHints.NONE;
        }
        List<String> skills = new ArrayList<>();
        if (routing.hasNonNull("skills")) {
            routing.get("skills").forEach(skill -> skills.add(skill.asText()));
        }
        return new RoutingHints(text(routing, "group"), skills, routing.path("vip").asBoolean(false));
    }

    static String validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "body must be a JSON object";
        }
        JsonNode tenant = body.get("tenant");
        if (tenant == null || !tenant.isTextual() || !ID.matcher(tenant.asText()).matches()) {
            return "'tenant' is required: 1..64 of A-Z a-z 0-9 _ . -";
        }
        JsonNode visitorId = body.get("visitorId");
        if (visitorId != null && !visitorId.isNull()
                && (!visitorId.isTextual() || !ID.matcher(visitorId.asText()).matches())) {
            return "'visitorId' must be 1..64 of A-Z a-z 0-9 _ . -";
        }
        JsonNode name = body.get("name");
        if (name != null && !name.isNull() && (!name.isTextual() || name.asText().length() > MAX_NAME)) {
            return "'name' must be a string of at most " + MAX_NAME + " characters";
        }
        JsonNode attributes = body.get("attributes");
        if (attributes != null && !attributes.isNull()
                && (!attributes.isObject() || attributes.size() > MAX_ATTRIBUTES)) {
            return "'attributes' must be an object with at most " + MAX_ATTRIBUTES + " entries";
        }
        JsonNode identityHash = body.get("identityHash");
        if (identityHash != null && !identityHash.isNull()
                && (!identityHash.isTextual() || identityHash.asText().length() > 128)) {
            return "'identityHash' must be a hex string";
        }
        return validateRouting(body.get("routing"));
    }

    private static String validateRouting(JsonNode routing) {
        if (routing == null || routing.isNull()) {
            return null;
        }
        if (!routing.isObject()) {
            return "'routing' must be an object with optional 'group', 'skills' and 'vip'";
        }
        JsonNode group = routing.get("group");
        if (group != null && !group.isNull() && (!group.isTextual() || !ID.matcher(group.asText()).matches())) {
            return "'routing.group' must be 1..64 of A-Z a-z 0-9 _ . -";
        }
        JsonNode skills = routing.get("skills");
        if (skills != null && !skills.isNull()) {
            if (!skills.isArray() || skills.size() > MAX_SKILLS) {
                return "'routing.skills' must be an array of at most " + MAX_SKILLS + " skills";
            }
            for (JsonNode skill : skills) {
                if (!skill.isTextual() || !ID.matcher(skill.asText()).matches()) {
                    return "each of 'routing.skills' must be 1..64 of A-Z a-z 0-9 _ . -";
                }
            }
        }
        JsonNode vip = routing.get("vip");
        if (vip != null && !vip.isNull() && !vip.isBoolean()) {
            return "'routing.vip' must be true or false";
        }
        return null;
    }
}
