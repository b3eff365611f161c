package io.parley.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bot.TestBots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./parley bot eval <dir>} as a bot designer runs it: the packaged jar with {@code eval}, which adds the
 * {@code eval} profile (no HTTP listener, no Kafka consumer, quiet logs) and exits with the evals' verdict.
 */
class EvalCommandIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private Path bots;

    @BeforeEach
    void copyBots() throws IOException {
        bots = Files.createTempDirectory("parley-eval");
    }

    @AfterEach
    void deleteBots() {
        TestBots.deleteTree(bots);
    }

    @Test
    void theExampleBotPassesItsEvalsWithoutStartingTheService() throws Exception {
        Path acme = TestBots.copyBot("acme", bots);
        Run run = eval(acme);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("result: OK"), run.output());
        assertTrue(run.output().contains("retrieval top-1:"), run.output());
        assertFalse(run.output().contains("Listening on"), "no HTTP listener in an eval run:\n" + run.output());
        assertFalse(run.output().contains(" INFO "), "quiet logs in an eval run:\n" + run.output());
    }

    @Test
    void invalidFilesExitWithTwoAndSayWhichFile() throws Exception {
        Path acme = TestBots.copyBot("acme", bots);
        Files.writeString(acme.resolve("bot.yaml"), "tenant: [unclosed\n");
        Run run = eval(acme);
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("invalid files") && run.output().contains("bot.yaml"), run.output());
    }

    private record Run(int exit, String output) {
    }

    private static Run eval(Path dir) throws Exception {
        Path log = Files.createTempFile("parley-eval", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(), "eval", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("eval did not finish in 180 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }
}
