package io.parley.bot.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.parley.bot.TestBots;
import io.parley.bot.domain.Bot;
import io.parley.bot.files.BotLoader;
import io.parley.bot.knowledge.KnowledgeIndex;
import io.parley.bot.service.BotEngine;
import io.parley.bot.service.Llm;
import io.parley.bot.service.LoadedBot;

/**
 * Runs the example bot's evals without a model (article answers): retrieval on 100 paraphrased questions (50 zh,
 * 50 en), handoff, follow-ups, blocked words and injection cases. Prints the table the CLI prints.
 */
class AcmeEvalTest {

    @Test
    void exampleBotPassesItsEvalsWithoutAModel() throws Exception {
        Bot bot = BotLoader.load(TestBots.BOTS, TestBots.BOTS.resolve("acme"));
        long t0 = System.nanoTime();
        LoadedBot loaded = new LoadedBot(bot, new KnowledgeIndex(TestBots.embedder(), bot.articles().values()), 0);
        long indexMs = (System.nanoTime() - t0) / 1_000_000;
        EvalRunner.Report report = new EvalRunner(new BotEngine(TestBots.sentiment(), Llm.NONE)).run(loaded);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        EvalRunner.print(report, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String table = buf.toString(StandardCharsets.UTF_8);
        System.out.println(table);
        long[] micros = report.rows().stream().mapToLong(EvalRunner.Row::micros).sorted().toArray();
        System.out.printf("index build %d ms (28 articles); reply latency p50 %d us, p99 %d us, max %d us%n", indexMs,
                micros[micros.length / 2], micros[(int) Math.ceil(micros.length * 0.99) - 1], micros[micros.length - 1]);

        int[] top1 = report.articleTop1();
        assertTrue(top1[1] >= 100, "at least 100 cases with an expected article");
        assertTrue(top1[0] >= 0.9 * top1[1], "retrieval top-1 accuracy below 90%: " + top1[0] + "/" + top1[1]);
        int[] h = report.handoffCounts();
        assertTrue(h[0] >= 0.9 * (h[0] + h[1]), "handoff precision below 90%:\n" + table);
        assertTrue(h[0] >= 0.9 * (h[0] + h[2]), "handoff recall below 90%:\n" + table);
        // Handoff, follow-up, blocking and injection cases must all pass (their files keep the default passRate 1).
        assertTrue(report.rows().stream().filter(r -> !r.evalCase().file().contains("retrieval-")).allMatch(
                EvalRunner.Row::passed), "a non-retrieval case failed:\n" + table);
        assertTrue(report.ok(), "an eval file is below its passRate:\n" + table);
    }
}
