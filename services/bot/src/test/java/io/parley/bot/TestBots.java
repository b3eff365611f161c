package io.parley.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.parley.bot.knowledge.OnnxEmbedder;
import io.parley.bot.sentiment.SentimentClassifier;

/** Shared test fixtures: the repository's example bots and one embedder per test JVM (models load once). */
public final class TestBots {

    /** The repository's bots directory (tests run in services/bot). */
    public static final Path BOTS = Path.of("../../bots").toAbsolutePath().normalize();

    private static OnnxEmbedder embedder;
    private static SentimentClassifier sentiment;

    private TestBots() {
    }

    public static synchronized OnnxEmbedder embedder() {
        if (embedder == null) {
            embedder = new OnnxEmbedder();
        }
        return embedder;
    }

    public static synchronized SentimentClassifier sentiment() {
        if (sentiment == null) {
            sentiment = SentimentClassifier.fromClasspath(embedder());
        }
        return sentiment;
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a bot folder of the repository into {@code target}, so tests can edit it. */
    public static Path copyBot(String id, Path targetRoot) {
        return copyBot(id, targetRoot, id);
    }

    /** Copies a bot folder of the repository into {@code targetRoot/asId}. */
    public static Path copyBot(String id, Path targetRoot, String asId) {
        Path from = BOTS.resolve(id);
        Path to = targetRoot.resolve(asId);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
