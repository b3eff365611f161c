package io.parley.gateway.admin;

import io.parley.gateway.rest.JsonBody;
import io.parley.gateway.rest.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.model.BusinessHours;
import io.parley.gateway.tenant.AgentClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The tenant's routing configuration and audit log. Role {@code admin} may change it; {@code supervisor} may
 * read it. The tenant is always the caller's (token claim): another tenant's groups and agents do not exist here.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    static final Pattern SKILL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final Set<String> STRATEGIES = Set.of("score", "round_robin", "least_loaded");
    static final int MAX_SKILLS = 20;
    static final int MAX_MEMBERS = 500;
    static final int MAX_AUDIT_PAGE = 200;

    private final TeamAdmin team;

    @Inject
    SecurityIdentity identity;

    public AdminResource(TeamAdmin team) {
        this.team = team;
    }

    private String tenant() {
        return AgentClaims.tenant(identity);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Uni<Response> noTenant() {
        return ApiError.uni(403, "forbidden", "token has no tenant");
    }

    // ------------------------------------------------------------------ groups

    @GET
    @Path("/groups")
    @RolesAllowed({ "admin", "supervisor" })
    public Uni<Response> groups() {
        return tenant() == null ? noTenant() : team.groups(tenant()).map(g -> Response.ok(g).build());
    }

    @GET
    @Path("/groups/{id}")
    @RolesAllowed({ "admin", "supervisor" })
    public Uni<Response> group(@PathParam("id") String id) {
        if (tenant() == null) {
            return noTenant();
        }
        return ApiError.okOr404(team.group(tenant(), id), "no such group");
    }

    @PUT
    @Path("/groups/{id}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> putGroup(@PathParam("id") String id, String body) {
        if (tenant() == null) {
            return noTenant();
        }
        if (!ID.matcher(id).matches()) {
            return ApiError.uni(400, "bad_request", "group id must be 1..63 of a-z 0-9 _ - (starting with a letter or digit)");
        }
        JsonNode root = JsonBody.object(body);
        if (root == null) {
            return ApiError.notAnObject();
        }
        List<String> problems = new ArrayList<>();
        String name = JsonBody.text(root, "name");
        if (name == null || name.isBlank() || name.length() > 100) {
            problems.add("'name' is required: 1..100 characters");
        }
        List<String> skills = skills(root, problems);
        int priority = integer(root, "priority", 0, -100, 100, problems);
        String strategy = root.hasNonNull("strategy") ? root.get("strategy").asText() : "score";
        if (!STRATEGIES.contains(strategy)) {
            problems.add("'strategy' must be one of score, round_robin, least_loaded");
        }
        int relaxAfter = integer(root, "relaxAfterSec", 120, 0, 86_400, problems);
        List<TeamAdmin.Member> members = members(root, problems);
        if (!problems.isEmpty()) {
            return ApiError.invalid(problems);
        }
        TeamAdmin.Group group = new TeamAdmin.Group(id, name, skills, priority, strategy, relaxAfter, members);
        return team.putGroup(tenant(), actor(), group)
                .map(created -> Response.status(created ? 201 : 200).entity(group).build());
    }

    @DELETE
    @Path("/groups/{id}")
    @RolesAllowed("admin")
    public Uni<Response> deleteGroup(@PathParam("id") String id) {
        if (tenant() == null) {
            return noTenant();
        }
        return team.deleteGroup(tenant(), actor(), id).map(deleted -> deleted ? Response.noContent().build()
                : ApiError.response(404, "not_found", "no such group"));
    }

    // ------------------------------------------------------------------ agents

    @GET
    @Path("/agents")
    @RolesAllowed({ "admin", "supervisor" })
    public Uni<Response> agents() {
        return tenant() == null ? noTenant() : team.agents(tenant()).map(a -> Response.ok(a).build());
    }

    @GET
    @Path("/agents/{id}")
    @RolesAllowed({ "admin", "supervisor" })
    public Uni<Response> agent(@PathParam("id") String id) {
        if (tenant() == null) {
            return noTenant();
        }
        return ApiError.okOr404(team.agent(tenant(), id), "no such agent profile");
    }

    @PUT
    @Path("/agents/{id}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> putAgent(@PathParam("id") String id, String body) {
        if (tenant() == null) {
            return noTenant();
        }
        if (!AGENT_ID.matcher(id).matches()) {
            return ApiError.uni(400, "bad_request", "agent id must be 1..64 of A-Z a-z 0-9 _ . @ -");
        }
        JsonNode root = JsonBody.object(body);
        if (root == null) {
            return ApiError.notAnObject();
        }
        List<String> problems = new ArrayList<>();
        String name = JsonBody.text(root, "name");
        if (name != null && name.length() > 100) {
            problems.add("'name' must be at most 100 characters");
        }
        int capacity = integer(root, "capacity", 5, 0, 100, problems);
        double rating = 0;
        if (root.hasNonNull("rating")) {
            if (!root.get("rating").isNumber() || root.get("rating").asDouble() < 0 || root.get("rating").asDouble() > 5) {
                problems.add("'rating' must be a number from 0 to 5");
            } else {
                rating = Math.round(root.get("rating").asDouble() * 100) / 100.0;
            }
        }
        List<String> skills = skills(root, problems);
        if (!problems.isEmpty()) {
            return ApiError.invalid(problems);
        }
        TeamAdmin.AgentProfile profile = new TeamAdmin.AgentProfile(id, name, capacity, rating, skills);
        return team.putAgent(tenant(), actor(), profile)
                .map(created -> Response.status(created ? 201 : 200).entity(profile).build());
    }

    // ------------------------------------------------------------------ business hours

    @GET
    @Path("/business-hours")
    @RolesAllowed({ "admin", "supervisor" })
    public Uni<Response> hours() {
        if (tenant() == null) {
            return noTenant();
        }
        return ApiError.okOr404(team.hours(tenant()), "no business hours: the tenant is always open");
    }

    /** Body: {"timeZone","weekly":{"mon":["09:00-18:00"],...},"holidays":[…],"offlineMessage","maxQueueWaitSec"}. */
    @PUT
    @Path("/business-hours")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> putHours(String body) {
        if (tenant() == null) {
            return noTenant();
        }
        JsonNode root = JsonBody.object(body);
        if (root == null) {
            return ApiError.notAnObject();
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> weekly = null;
        JsonNode days = root.get("weekly");
        if (days != null && !days.isNull()) {
            if (!days.isObject()) {
                problems.add("'weekly' must be an object: {\"mon\":[\"09:00-18:00\"], ...}");
            } else {
                weekly = new LinkedHashMap<>();
                for (var day : days.properties()) {
                    weekly.put(day.getKey(), textList(day.getValue()));
                }
            }
        }
        List<String> holidays = List.of();
        if (root.hasNonNull("holidays")) {
            holidays = textList(root.get("holidays"));
            if (holidays == null) {
                problems.add("'holidays' must be an array of dates (YYYY-MM-DD)");
                holidays = List.of();
            }
        }
        String offlineMessage = JsonBody.text(root, "offlineMessage");
        if (root.hasNonNull("offlineMessage") && (offlineMessage == null || offlineMessage.isBlank()
                || offlineMessage.codePointCount(0, offlineMessage.length()) > 1000)) {
            problems.add("'offlineMessage' must be text of 1..1000 characters");
        }
        Integer maxQueueWaitSec = root.hasNonNull("maxQueueWaitSec")
                ? integer(root, "maxQueueWaitSec", 0, 1, 86_400, problems) : null;
        BusinessHours parsed = null;
        try {
            parsed = BusinessHours.parse(JsonBody.text(root, "timeZone"), weekly, holidays);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            return ApiError.invalid(problems);
        }
        TeamAdmin.Hours hours = new TeamAdmin.Hours(parsed.zone().getId(), parsed.weeklyText(),
                parsed.holidays().stream().sorted().map(Object::toString).toList(), offlineMessage, maxQueueWaitSec);
        return team.putHours(tenant(), actor(), hours)
                .map(created -> Response.status(created ? 201 : 200).entity(hours).build());
    }

    @DELETE
    @Path("/business-hours")
    @RolesAllowed("admin")
    public Uni<Response> deleteHours() {
        if (tenant() == null) {
            return noTenant();
        }
        return team.deleteHours(tenant(), actor()).map(deleted -> deleted ? Response.noContent().build()
                : ApiError.response(404, "not_found", "no business hours: the tenant is always open"));
    }

    // ------------------------------------------------------------------ service levels

    static final int MAX_SLA_SEC = 2_592_000; // 30 days

    @GET
    @Path("/service-levels")
    @RolesAllowed({ "admin", "supervisor" })
    public Uni<Response> serviceLevels() {
        if (tenant() == null) {
            return noTenant();
        }
        return ApiError.okOr404(team.serviceLevels(tenant()), "no such tenant");
    }

    /** Body: {"autoCloseAfterSec":N|null,"targets":{"normal"|"vip":{"firstResponseSec":N,"resolutionSec":N}}}. */
    @PUT
    @Path("/service-levels")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> putServiceLevels(String body) {
        if (tenant() == null) {
            return noTenant();
        }
        JsonNode root = JsonBody.object(body);
        if (root == null) {
            return ApiError.notAnObject();
        }
        List<String> problems = new ArrayList<>();
        unknownFields(root, "", Set.of("autoCloseAfterSec", "targets"), problems);
        Integer autoClose = root.hasNonNull("autoCloseAfterSec")
                ? integer(root, "autoCloseAfterSec", 0, 60, MAX_SLA_SEC, problems) : null;
        Map<String, TeamAdmin.SlaTarget> targets = new TreeMap<>();
        JsonNode given = root.get("targets");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                problems.add("'targets' must be an object: {\"normal\":{…},\"vip\":{…}}");
            } else {
                for (var entry : given.properties()) {
                    String priority = entry.getKey();
                    JsonNode target = entry.getValue();
                    if (!TeamAdmin.PRIORITIES.containsKey(priority)) {
                        problems.add("'targets." + priority + "': the priorities are normal and vip");
                    } else if (!target.isObject()) {
                        problems.add("'targets." + priority + "' must be an object");
                    } else {
                        slaTarget(priority, target, problems).ifPresent(t -> targets.put(priority, t));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            return ApiError.invalid(problems);
        }
        TeamAdmin.ServiceLevelSettings levels = new TeamAdmin.ServiceLevelSettings(autoClose, targets);
        return team.putServiceLevels(tenant(), actor(), levels).map(stored -> stored ? Response.ok(levels).build()
                : ApiError.response(404, "not_found", "no such tenant"));
    }

    /** A target with at least one of its two times; empty (nothing stored) when both are null. */
    private static Optional<TeamAdmin.SlaTarget> slaTarget(String priority, JsonNode target, List<String> problems) {
        String at = "targets." + priority;
        unknownFields(target, at + ".", Set.of("firstResponseSec", "resolutionSec"), problems);
        Integer first = target.hasNonNull("firstResponseSec")
                ? integer(target, "firstResponseSec", 0, 1, MAX_SLA_SEC, problems, at + ".") : null;
        Integer resolution = target.hasNonNull("resolutionSec")
                ? integer(target, "resolutionSec", 0, 1, MAX_SLA_SEC, problems, at + ".") : null;
        if (first != null && resolution != null && first > 0 && resolution > 0 && first > resolution) {
            problems.add("'" + at + ".firstResponseSec' must not exceed its resolutionSec");
        }
        return first == null && resolution == null ? Optional.empty()
                : Optional.of(new TeamAdmin.SlaTarget(first, resolution));
    }

    private static void unknownFields(JsonNode object, String prefix, Set<String> known, List<String> problems) {
        for (var field : object.properties()) {
            if (!known.contains(field.getKey())) {
                problems.add("unknown field '" + prefix + field.getKey() + "'");
            }
        }
    }

    /** A JSON array of strings, or null when it is anything else (one entry that is not text included). */
    private static List<String> textList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            out.add(item.asText());
        }
        return out;
    }

    // ------------------------------------------------------------------ audit

    /** Filters: conversationId, actor, action, from/to (ISO-8601, to exclusive); pages newest first by beforeId. */
    @GET
    @Path("/audit")
    @RolesAllowed("admin")
    public Uni<Response> audit(@QueryParam("conversationId") String conversationId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("beforeId") String beforeId, @QueryParam("limit") String limitParam) {
        if (tenant() == null) {
            return noTenant();
        }
        OffsetDateTime fromTime;
        OffsetDateTime toTime;
        Long before;
        int limit;
        try {
            fromTime = from == null ? null : OffsetDateTime.parse(from);
            toTime = to == null ? null : OffsetDateTime.parse(to);
        } catch (DateTimeParseException e) {
            return ApiError.uni(400, "bad_request", "'from' and 'to' must be ISO-8601 date-times with an offset");
        }
        try {
            before = beforeId == null ? null : Long.parseLong(beforeId);
            limit = limitParam == null ? 50 : Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            return ApiError.uni(400, "bad_request", "'beforeId' and 'limit' must be integers");
        }
        if (limit < 1 || limit > MAX_AUDIT_PAGE) {
            return ApiError.uni(400, "bad_request", "'limit' must be 1.." + MAX_AUDIT_PAGE);
        }
        return team.audit(tenant(), conversationId, actor, action, fromTime, toTime, before, limit)
                .map(entries -> Response.ok(new AuditPage(entries,
                        entries.size() == limit ? entries.get(entries.size() - 1).id() : null)).build());
    }

    /** {@code nextBeforeId}: pass as {@code beforeId} for the next page; null on the last page. */
    public record AuditPage(List<TeamAdmin.AuditEntry> entries, Long nextBeforeId) {
    }

    // ------------------------------------------------------------------ validation

    private static int integer(JsonNode root, String field, int fallback, int min, int max, List<String> problems) {
        return integer(root, field, fallback, min, max, problems, "");
    }

    /** {@code prefix} names where {@code root} sits in the body, for the problem text. */
    private static int integer(JsonNode root, String field, int fallback, int min, int max, List<String> problems,
            String prefix) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            problems.add("'" + prefix + field + "' must be an integer from " + min + " to " + max);
            return fallback;
        }
        return node.asInt();
    }

    private static List<String> skills(JsonNode root, List<String> problems) {
        JsonNode node = root.get("skills");
        List<String> skills = new ArrayList<>();
        if (node == null || node.isNull()) {
            return skills;
        }
        if (!node.isArray() || node.size() > MAX_SKILLS) {
            problems.add("'skills' must be an array of at most " + MAX_SKILLS + " skills");
            return skills;
        }
        for (JsonNode skill : node) {
            if (!skill.isTextual() || !SKILL.matcher(skill.asText()).matches()) {
                problems.add("each skill must be 1..64 of A-Z a-z 0-9 _ . -");
                return skills;
            }
            if (!skills.contains(skill.asText())) {
                skills.add(skill.asText());
            }
        }
        return skills;
    }

    private static List<TeamAdmin.Member> members(JsonNode root, List<String> problems) {
        JsonNode node = root.get("members");
        List<TeamAdmin.Member> members = new ArrayList<>();
        if (node == null || node.isNull()) {
            return members;
        }
        if (!node.isArray() || node.size() > MAX_MEMBERS) {
            problems.add("'members' must be an array of at most " + MAX_MEMBERS + " members");
            return members;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode member : node) {
            String agentId = member.isObject() ? JsonBody.text(member, "agentId") : null;
            if (agentId == null || !AGENT_ID.matcher(agentId).matches()) {
                problems.add("each member needs 'agentId': 1..64 of A-Z a-z 0-9 _ . @ -");
                return members;
            }
            if (!seen.add(agentId)) {
                problems.add("member " + agentId + " is listed twice");
                return members;
            }
            Integer capacity = null;
            if (member.hasNonNull("capacity")) {
                if (!member.get("capacity").isIntegralNumber() || member.get("capacity").asInt() < 0
                        || member.get("capacity").asInt() > 100) {
                    problems.add("member capacity must be an integer from 0 to 100");
                    return members;
                }
                capacity = member.get("capacity").asInt();
            }
            members.add(new TeamAdmin.Member(agentId, capacity));
        }
        return members;
    }
}
