package io.parley.bot.rest;

import java.util.List;
import java.util.Map;

import io.parley.bot.domain.BotReply;
import io.parley.bot.eval.EvalRunner;
import io.parley.bot.files.FileProblem;
import io.parley.bot.service.BotDirectory;
import io.parley.bot.service.BotEngine;
import io.parley.bot.service.BotRegistry;
import io.parley.bot.service.BotService;
import io.parley.bot.service.LoadedBot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Consumes;

/**
 * Internal API of the bot service (not exposed to visitors): bot status with file problems, a reply for testing a
 * bot by hand, and the evals.
 */
@Path("/api/v1/bots")
@Produces(MediaType.APPLICATION_JSON)
public class BotResource {

    public record BotView(String id, String tenant, String name, String version, long loadedAt, int prompts,
            int articles, int evalCases, List<FileProblem> problems) {
    }

    public record ReplyRequest(String conversationId, String text, Map<String, String> visitor) {
    }

    public record EvalView(String bot, long passed, long failed, List<EvalRowView> cases) {
    }

    public record EvalRowView(String name, boolean passed, String reply, List<String> failures) {
    }

    private final BotRegistry registry;
    private final BotService service;
    private final BotEngine engine;

    public BotResource(BotRegistry registry, BotService service, BotEngine engine) {
        this.registry = registry;
        this.service = service;
        this.engine = engine;
    }

    @GET
    public List<BotView> list() {
        return registry.directory().statuses().stream().map(BotResource::view).toList();
    }

    @GET
    @Path("/{id}")
    public BotView get(@PathParam("id") String id) {
        BotDirectory.Status s = registry.directory().status(id);
        if (s == null) {
            throw new NotFoundException();
        }
        return view(s);
    }

    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplyView reply(@PathParam("id") String id, ReplyRequest request) {
        if (request == null || request.text() == null || request.text().isBlank() || request.conversationId() == null) {
            throw new BadRequestException("conversationId and text are required");
        }
        BotReply reply = service.reply(id, request.conversationId(), request.text(),
                request.visitor() == null ? Map.of() : request.visitor());
        if (reply == null) {
            throw new NotFoundException();
        }
        return ReplyView.of(reply);
    }

    @POST
    @Path("/{id}/evals")
    public EvalView evals(@PathParam("id") String id) {
        LoadedBot bot = registry.directory().bot(id);
        if (bot == null) {
            throw new NotFoundException();
        }
        EvalRunner.Report report = new EvalRunner(engine).run(bot);
        return new EvalView(id, report.passed(), report.failed(), report.rows().stream()
                .map(r -> new EvalRowView(r.evalCase().name(), r.passed(), r.reply().text(), r.failures())).toList());
    }

    private static BotView view(BotDirectory.Status s) {
        LoadedBot b = s.serving();
        return b == null
                ? new BotView(s.id(), null, null, null, 0, 0, 0, 0, s.problems())
                : new BotView(s.id(), b.bot().settings().tenant(), b.bot().settings().name(), b.bot().fingerprint(),
                        b.loadedAt(), b.bot().prompts().size(), b.bot().articles().size(), b.bot().evals().size(),
                        s.problems());
    }
}
