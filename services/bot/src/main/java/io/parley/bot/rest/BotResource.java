package io.parley.bot.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.bot.domain.BotReply;
import io.parley.bot.eval.EvalRunner;
import io.parley.bot.files.BotLoader;
import io.parley.bot.files.FileProblem;
import io.parley.bot.service.BotDirectory;
import io.parley.bot.service.BotEngine;
import io.parley.bot.service.BotRegistry;
import io.parley.bot.service.BotService;
import io.parley.bot.service.LoadedBot;
import io.parley.common.json.Json;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.common.wire.FrameParser;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Internal API of the bot service (not for visitors): bot status with file problems, a reply for testing a bot by
 * hand, and the evals. Every endpoint needs an OIDC bearer token with role {@code admin} or {@code bot-designer}
 * whose {@code tenant} claim is the bot's tenant: another tenant's bot is answered 404 like a missing one, and a
 * token without a tenant 403. Errors: {@link ApiError} bodies ({@link ApiErrorMapper}).
 */
@Path("/api/v1/bots")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "admin", "bot-designer" })
public class BotResource {

    /** Conversation ids of test replies: like the other ids of the REST APIs (UUIDs fit). */
    static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Visitor attribute names: what {@code {{visitor.<attribute>}}} can name in a prompt. */
    static final Pattern VISITOR_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The chat's own limit on a message (code points). */
    static final int MAX_TEXT = FrameParser.MAX_TEXT_CHARS;
    static final int MAX_VISITOR_ENTRIES = 20;
    static final int MAX_VISITOR_VALUE = 500;

    public record BotView(String id, String tenant, String name, String version, long loadedAt, int prompts,
            int articles, int evalCases, List<FileProblem> problems) {
    }

    /** A validated test-reply request. */
    record ReplyRequest(String conversationId, String text, Map<String, String> visitor) {
    }

    public record EvalView(String bot, long passed, long failed, List<EvalRowView> cases) {
    }

    public record EvalRowView(String name, boolean passed, String reply, List<String> failures) {
    }

    private final BotRegistry registry;
    private final BotService service;
    private final BotEngine engine;

    @Inject
    SecurityIdentity identity;

    public BotResource(BotRegistry registry, BotService service, BotEngine engine) {
        this.registry = registry;
        this.service = service;
        this.engine = engine;
    }

    /** The bots of the caller's tenant. */
    @GET
    public List<BotView> list() {
        String tenant = callerTenant();
        return registry.directory().statuses().stream().filter(s -> tenant.equals(s.tenant()))
                .map(BotResource::view).toList();
    }

    @GET
    @Path("/{id}")
    public BotView get(@PathParam("id") String id) {
        return view(visible(id));
    }

    /** A reply of the bot as if a visitor wrote {@code text}, in a test conversation (never a live one's memory). */
    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplyView reply(@PathParam("id") String id, String body) {
        loaded(visible(id));
        ReplyRequest request = replyRequest(body);
        BotReply reply = service.testReply(id, request.conversationId(), request.text(), request.visitor());
        if (reply == null) {
            throw ApiException.notFound("no such bot"); // removed meanwhile
        }
        return ReplyView.of(reply);
    }

    @POST
    @Path("/{id}/evals")
    public EvalView evals(@PathParam("id") String id) {
        LoadedBot bot = loaded(visible(id));
        EvalRunner.Report report = new EvalRunner(engine).run(bot);
        return new EvalView(id, report.passed(), report.failed(), report.rows().stream()
                .map(r -> new EvalRowView(r.evalCase().name(), r.passed(), r.reply().text(), r.failures())).toList());
    }

    /** The caller's tenant (token claim {@code tenant}); 403 when the token has none. */
    private String callerTenant() {
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("tenant") : null;
        String tenant = claim == null ? null : claim.toString().replace("\"", "");
        if (tenant == null || !BotLoader.ID.matcher(tenant).matches()) {
            throw ApiException.forbidden("token has no tenant");
        }
        return tenant;
    }

    /** The bot folder's status if it exists and is the caller's tenant's; 404 otherwise (both alike). */
    private BotDirectory.Status visible(String id) {
        String tenant = callerTenant();
        BotDirectory.Status s = registry.directory().status(id);
        if (s == null || !tenant.equals(s.tenant())) {
            throw ApiException.notFound("no such bot");
        }
        return s;
    }

    /** The version the bot serves; 409 for a folder of the caller's tenant that has never loaded. */
    private static LoadedBot loaded(BotDirectory.Status s) {
        if (s.serving() == null) {
            throw new ApiException(409, "not_loaded", "bot " + s.id() + " has never loaded: fix the problems it lists");
        }
        return s.serving();
    }

    /** Reads and checks a test-reply body; 400 naming every problem. */
    static ReplyRequest replyRequest(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw ApiException.badRequest("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("body must be a JSON object");
        }
        List<String> problems = new java.util.ArrayList<>();
        JsonNode conversation = root.get("conversationId");
        if (conversation == null || conversation.isNull()) {
            problems.add("conversationId is required");
        } else if (!conversation.isTextual() || !CONVERSATION_ID.matcher(conversation.asText()).matches()) {
            problems.add("conversationId must be 1..64 of A-Z a-z 0-9 _ . -");
        }
        JsonNode text = root.get("text");
        if (text == null || text.isNull()) {
            problems.add("text is required");
        } else if (!text.isTextual()) {
            problems.add("text must be a string");
        } else if (text.asText().isBlank()) {
            problems.add("text must not be blank");
        } else if (text.asText().codePointCount(0, text.asText().length()) > MAX_TEXT) {
            problems.add("text has " + text.asText().codePointCount(0, text.asText().length())
                    + " characters; the limit is " + MAX_TEXT);
        }
        Map<String, String> visitor = new LinkedHashMap<>();
        JsonNode v = root.get("visitor");
        if (v != null && !v.isNull()) {
            if (!v.isObject()) {
                problems.add("visitor must be an object of attribute -> string");
            } else if (v.size() > MAX_VISITOR_ENTRIES) {
                problems.add("visitor has " + v.size() + " attributes; the limit is " + MAX_VISITOR_ENTRIES);
            } else {
                v.properties().forEach(e -> {
                    if (!VISITOR_KEY.matcher(e.getKey()).matches()) {
                        problems.add("visitor attribute names must be 1..64 of A-Z a-z 0-9 _ -");
                    } else if (!e.getValue().isTextual()) {
                        problems.add("visitor." + e.getKey() + " must be a string");
                    } else if (e.getValue().asText().codePointCount(0, e.getValue().asText().length()) > MAX_VISITOR_VALUE) {
                        problems.add("visitor." + e.getKey() + " is longer than " + MAX_VISITOR_VALUE + " characters");
                    } else {
                        visitor.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return new ReplyRequest(conversation.asText(), text.asText(), Map.copyOf(visitor));
    }

    private static BotView view(BotDirectory.Status s) {
        LoadedBot b = s.serving();
        return b == null
                ? new BotView(s.id(), s.tenant(), null, null, 0, 0, 0, 0, s.problems())
                : new BotView(s.id(), b.bot().settings().tenant(), b.bot().settings().name(), b.bot().fingerprint(),
                        b.loadedAt(), b.bot().prompts().size(), b.bot().articles().size(), b.bot().evals().size(),
                        s.problems());
    }
}
