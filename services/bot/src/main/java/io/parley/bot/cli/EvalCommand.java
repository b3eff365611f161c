package io.parley.bot.cli;

import java.nio.file.Path;

import io.parley.bot.eval.EvalRunner;
import io.parley.bot.files.FileProblem;
import io.parley.bot.service.BotDirectory;
import io.parley.bot.service.BotEngine;
import io.parley.bot.service.BotRegistry;
import io.quarkus.runtime.QuarkusApplication;

/** {@code eval <bot-dir>}: loads one bot folder, runs its evals, prints the table. */
public class EvalCommand implements QuarkusApplication {

    private final BotRegistry registry;
    private final BotEngine engine;

    public EvalCommand(BotRegistry registry, BotEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    @Override
    public int run(String... args) {
        String id = Path.of(args[1]).toAbsolutePath().normalize().getFileName().toString();
        BotDirectory directory = registry.directory();
        directory.refresh();
        BotDirectory.Status status = directory.status(id);
        if (status == null || !status.problems().isEmpty()) {
            System.out.println("bot " + id + ": invalid files");
            if (status != null) {
                for (FileProblem p : status.problems()) {
                    System.out.println("  " + p);
                }
            }
            return 2;
        }
        EvalRunner.Report report = new EvalRunner(engine).run(status.serving());
        EvalRunner.print(report, System.out);
        return report.ok() ? 0 : 1;
    }
}
