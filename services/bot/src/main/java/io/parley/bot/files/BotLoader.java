package io.parley.bot.files;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.Node;

import io.parley.bot.domain.Article;
import io.parley.bot.domain.Bot;
import io.parley.bot.domain.BotSettings;
import io.parley.bot.domain.EvalCase;
import io.parley.bot.domain.PromptFile;

/**
 * Reads and validates one bot folder ({@code bot.yaml}, {@code prompts/*.prompt}, {@code knowledge/*.md},
 * {@code evals/*.yaml}; one parser per kind of file) and checks what spans files (prompts bot.yaml names, related
 * articles, articles evals expect). All problems of all files are collected before failing, each with file and line.
 */
public final class BotLoader {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private BotLoader() {
    }

    /** Loads the bot in {@code dir}; {@code root} is the bots directory (file names in messages are relative to it). */
    public static Bot load(Path root, Path dir) throws BotFileException {
        List<FileProblem> problems = new ArrayList<>();
        String id = dir.getFileName().toString();
        if (!ID.matcher(id).matches()) {
            problems.add(new FileProblem(rel(root, dir), 0, "bot folder names must be lower-case letters, digits, '-' or '_'"));
        }
        Path botYaml = dir.resolve("bot.yaml");
        BotSettings settings = null;
        if (!Files.isRegularFile(botYaml)) {
            problems.add(new FileProblem(rel(root, botYaml), 0, "missing: every bot folder needs a bot.yaml"));
        } else {
            String text = read(root, botYaml, problems);
            if (text != null) {
                settings = SettingsParser.parse(rel(root, botYaml), text, problems);
            }
        }

        Map<String, PromptFile> prompts = new LinkedHashMap<>();
        for (Path p : list(dir.resolve("prompts"), ".prompt")) {
            String text = read(root, p, problems);
            if (text != null) {
                PromptFile prompt = PromptParser.parse(rel(root, p), stem(p, ".prompt"), text, problems);
                if (prompt != null) {
                    prompts.put(prompt.name(), prompt);
                }
            }
        }
        if (settings != null) {
            for (String name : new java.util.TreeSet<>(settings.answerPrompt().values())) {
                if (!prompts.containsKey(name) && !Files.exists(dir.resolve("prompts").resolve(name + ".prompt"))) {
                    problems.add(new FileProblem(rel(root, dir.resolve("prompts")) + "/" + name + ".prompt", 0,
                            "missing: bot.yaml names '" + name + "' as answerPrompt"));
                }
            }
        }

        Map<String, Article> articles = new LinkedHashMap<>();
        Map<String, Integer> relatedLines = new LinkedHashMap<>();
        for (Path p : list(dir.resolve("knowledge"), ".md")) {
            String text = read(root, p, problems);
            if (text != null) {
                Article a = ArticleParser.parse(rel(root, p), stem(p, ".md"), text, problems, relatedLines);
                if (a != null) {
                    articles.put(a.id(), a);
                }
            }
        }
        for (Article a : articles.values()) {
            for (String r : a.related()) {
                if (!articles.containsKey(r)) {
                    problems.add(new FileProblem(a.file(), relatedLines.getOrDefault(a.id() + "/" + r, 0),
                            "related article '" + r + "' does not exist (no knowledge/" + r + ".md)"));
                } else if (r.equals(a.id())) {
                    problems.add(new FileProblem(a.file(), relatedLines.getOrDefault(a.id() + "/" + r, 0),
                            "an article cannot be related to itself"));
                }
            }
        }

        List<EvalCase> evals = new ArrayList<>();
        Map<String, Double> passRates = new LinkedHashMap<>();
        for (Path p : list(dir.resolve("evals"), ".yaml")) {
            String text = read(root, p, problems);
            if (text != null) {
                evals.addAll(EvalParser.parse(rel(root, p), text, articles.keySet(), problems, passRates));
            }
        }
        if (!problems.isEmpty()) {
            throw new BotFileException(problems);
        }
        return new Bot(id, settings, Map.copyOf(prompts), java.util.Collections.unmodifiableMap(articles),
                List.copyOf(evals), Map.copyOf(passRates), fingerprint(dir));
    }

    /**
     * The tenant {@code dir}'s bot.yaml names, when it names a valid one, even if the folder has other problems; null
     * otherwise. Used to say whose bot a folder that never loaded is (its problems are shown to that tenant only).
     */
    public static String declaredTenant(Path dir) {
        List<FileProblem> ignored = new ArrayList<>();
        Path botYaml = dir.resolve("bot.yaml");
        if (!Files.isRegularFile(botYaml)) {
            return null;
        }
        String text = read(dir, botYaml, ignored);
        if (text == null) {
            return null;
        }
        YamlDoc y = new YamlDoc("bot.yaml", 0, ignored);
        Node root = y.parse(text);
        String tenant = y.string(y.mapping(root, "bot.yaml", null).get("tenant"), "bot.yaml.tenant");
        return tenant != null && ID.matcher(tenant).matches() ? tenant : null;
    }

    // ---------------------------------------------------------------- helpers

    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path root, Path file, List<FileProblem> problems) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 1_000_000) {
                problems.add(new FileProblem(rel(root, file), 0, "file larger than 1 MB"));
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString().replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            problems.add(new FileProblem(rel(root, file), 0, "not valid UTF-8"));
            return null;
        } catch (IOException e) {
            problems.add(new FileProblem(rel(root, file), 0, "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private static String stem(Path p, String suffix) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - suffix.length());
    }

    static String rel(Path root, Path p) {
        return root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }


    /** A cheap fingerprint of a folder: paths, sizes and modification times of the files the loader reads. */
    public static String fingerprint(Path dir) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            Path botYaml = dir.resolve("bot.yaml");
            if (Files.exists(botYaml)) {
                files.add(botYaml);
            }
            files.addAll(list(dir.resolve("prompts"), ".prompt"));
            files.addAll(list(dir.resolve("knowledge"), ".md"));
            files.addAll(list(dir.resolve("evals"), ".yaml"));
            for (Path f : files) {
                md.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                try {
                    md.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.UTF_8));
                    md.update(Long.toString(Files.getLastModifiedTime(f).toMillis()).getBytes(StandardCharsets.UTF_8));
                    // Content too: editors and ConfigMap swaps can keep size and mtime within the same millisecond.
                    md.update(Files.readAllBytes(f));
                } catch (IOException e) {
                    md.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
