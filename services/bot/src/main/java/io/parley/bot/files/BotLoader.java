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
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.Node;

import io.parley.bot.domain.Article;
import io.parley.bot.domain.Bot;
import io.parley.bot.domain.BotSettings;
import io.parley.bot.domain.EvalCase;
import io.parley.bot.domain.HandoffReason;
import io.parley.bot.domain.HandoffRules;
import io.parley.bot.domain.Language;
import io.parley.bot.domain.ModelSettings;
import io.parley.bot.domain.PromptFile;
import io.parley.bot.domain.Turn;
import io.parley.bot.prompt.Template;

/**
 * Reads and validates one bot folder ({@code bot.yaml}, {@code prompts/*.prompt}, {@code knowledge/*.md},
 * {@code evals/*.yaml}). All problems of all files are collected before failing, each with file and line.
 */
public final class BotLoader {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final Set<String> BOT_KEYS = Set.of("name", "tenant", "languages", "greeting", "tone", "model",
            "handoff", "sensitiveWords", "answerPrompt", "retrieval", "budget", "calmingReply");
    private static final Set<String> MODEL_KEYS = Set.of("baseUrl", "model", "temperature", "maxTokens", "apiKeyEnv",
            "timeoutSeconds");
    private static final Set<String> HANDOFF_KEYS = Set.of("keywords", "minConfidence", "negativeStreak", "notice",
            "skillsByTag");
    private static final Set<String> SENSITIVE_KEYS = Set.of("mask", "block", "blockedReply");
    private static final Set<String> PROMPT_KEYS = Set.of("description", "temperature", "maxTokens");
    private static final Set<String> ARTICLE_KEYS = Set.of("title", "tags", "language", "related", "questions");
    private static final Set<String> CASE_KEYS = Set.of("name", "input", "history", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("contains", "notContains", "handoff", "handoffReason", "article");
    private static final Set<String> LANG_KEYS = Set.of("zh", "en");

    public static final List<String> DEFAULT_KEYWORDS = List.of("转人工", "人工客服", "人工服务", "真人", "human", "agent",
            "real person");

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
                settings = parseSettings(rel(root, botYaml), text, problems);
            }
        }

        Map<String, PromptFile> prompts = new LinkedHashMap<>();
        for (Path p : list(dir.resolve("prompts"), ".prompt")) {
            String text = read(root, p, problems);
            if (text != null) {
                PromptFile prompt = parsePrompt(rel(root, p), stem(p, ".prompt"), text, problems);
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
                Article a = parseArticle(rel(root, p), stem(p, ".md"), text, problems, relatedLines);
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
                evals.addAll(parseEvals(rel(root, p), text, articles.keySet(), problems, passRates));
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

    // ---------------------------------------------------------------- bot.yaml

    static BotSettings parseSettings(String file, String text, List<FileProblem> problems) {
        int before = problems.size();
        YamlDoc y = new YamlDoc(file, 0, problems);
        Node root = y.parse(text);
        if (root == null) {
            if (problems.size() == before) {
                y.problem(1, "empty file: bot.yaml needs at least 'name' and 'tenant'");
            }
            return null;
        }
        Map<String, Node> m = y.mapping(root, "bot.yaml", BOT_KEYS);
        String name = y.requiredString(m, "name", null, "bot.yaml");
        String tenant = y.requiredString(m, "tenant", null, "bot.yaml");
        if (tenant != null && !ID.matcher(tenant).matches()) {
            y.problem(m.get("tenant"), "tenant must be lower-case letters, digits, '-' or '_'");
        }
        List<Language> languages = new ArrayList<>();
        for (Node n : y.list(m.get("languages"), "languages")) {
            String code = y.string(n, "languages item");
            Language l = Language.fromCode(code);
            if (l == null) {
                y.problem(n, "unsupported language '" + code + "' (supported: zh, en)");
            } else {
                languages.add(l);
            }
        }
        if (!m.containsKey("languages")) {
            languages.addAll(List.of(Language.ZH, Language.EN));
        } else if (languages.isEmpty() && problems.size() == before) {
            y.problem(m.get("languages"), "languages must name at least one of zh, en");
        }
        Map<Language, String> greeting = perLanguage(y, m.get("greeting"), "greeting");
        Map<Language, String> calming = perLanguage(y, m.get("calmingReply"), "calmingReply");
        calming.putIfAbsent(Language.ZH, "非常抱歉给您带来不好的体验，我马上为您处理。");
        calming.putIfAbsent(Language.EN, "I'm really sorry about this. Let me sort it out for you right away.");
        String tone = y.string(m.get("tone"), "tone");

        ModelSettings model = ModelSettings.DEFAULT;
        if (m.containsKey("model")) {
            Map<String, Node> mm = y.mapping(m.get("model"), "model", MODEL_KEYS);
            String baseUrl = y.string(mm.get("baseUrl"), "model.baseUrl");
            if (baseUrl != null && !baseUrl.isBlank() && !baseUrl.matches("https?://\\S+")) {
                y.problem(mm.get("baseUrl"), "model.baseUrl must be an http:// or https:// URL, got '" + baseUrl + "'");
            }
            Double temperature = y.number(mm.get("temperature"), "model.temperature", 0, 2);
            Integer maxTokens = y.integer(mm.get("maxTokens"), "model.maxTokens", 1, 32000);
            Integer timeout = y.integer(mm.get("timeoutSeconds"), "model.timeoutSeconds", 1, 600);
            String keyEnv = y.string(mm.get("apiKeyEnv"), "model.apiKeyEnv");
            if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                y.problem(mm.get("apiKeyEnv"), "model.apiKeyEnv names an environment variable (letters, digits, '_'), "
                        + "never the key itself");
            }
            model = new ModelSettings(blankToNull(baseUrl), blankToNull(y.string(mm.get("model"), "model.model")),
                    temperature != null ? temperature : ModelSettings.DEFAULT.temperature(),
                    maxTokens != null ? maxTokens : ModelSettings.DEFAULT.maxTokens(), keyEnv,
                    timeout != null ? timeout : ModelSettings.DEFAULT.timeoutSeconds());
        }

        Map<String, Node> h = y.mapping(m.get("handoff"), "handoff", HANDOFF_KEYS);
        List<String> keywords = h.containsKey("keywords") ? y.strings(h.get("keywords"), "handoff.keywords")
                : DEFAULT_KEYWORDS;
        Map<Language, Double> minConfidence = new EnumMap<>(Language.class);
        Node mc = h.get("minConfidence");
        if (mc instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            Double v = y.number(mc, "handoff.minConfidence", 0, 1);
            if (v != null) {
                for (Language l : Language.values()) {
                    minConfidence.put(l, v);
                }
            }
        } else if (mc != null) {
            for (Map.Entry<String, Node> e : y.mapping(mc, "handoff.minConfidence", LANG_KEYS).entrySet()) {
                Double v = y.number(e.getValue(), "handoff.minConfidence." + e.getKey(), 0, 1);
                if (v != null) {
                    minConfidence.put(Language.fromCode(e.getKey()), v);
                }
            }
        }
        Integer streak = y.integer(h.get("negativeStreak"), "handoff.negativeStreak", 0, 100);
        Map<Language, String> notice = perLanguage(y, h.get("notice"), "handoff.notice");
        notice.putIfAbsent(Language.ZH, "正在为您转接人工客服，请稍候。");
        notice.putIfAbsent(Language.EN, "I'm passing you to a human agent. Please wait a moment.");
        Map<String, String> skills = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : y.mapping(h.get("skillsByTag"), "handoff.skillsByTag", null).entrySet()) {
            String skill = y.string(e.getValue(), "handoff.skillsByTag." + e.getKey());
            if (skill != null) {
                skills.put(e.getKey(), skill);
            }
        }
        HandoffRules rules = new HandoffRules(List.copyOf(keywords), Map.copyOf(minConfidence),
                streak != null ? streak : 3, Map.copyOf(notice), Map.copyOf(skills));

        Map<String, Node> s = y.mapping(m.get("sensitiveWords"), "sensitiveWords", SENSITIVE_KEYS);
        List<String> mask = y.strings(s.get("mask"), "sensitiveWords.mask");
        List<String> block = y.strings(s.get("block"), "sensitiveWords.block");
        Map<Language, String> blockedReply = perLanguage(y, s.get("blockedReply"), "sensitiveWords.blockedReply");

        Map<Language, String> answerPrompt = perLanguage(y, m.get("answerPrompt"), "answerPrompt");
        for (Map.Entry<Language, String> e : answerPrompt.entrySet()) {
            if (!ID.matcher(e.getValue()).matches()) {
                y.problem(m.get("answerPrompt"), "answerPrompt names a prompt file without '.prompt': lower-case "
                        + "letters, digits, '-' or '_', got '" + e.getValue() + "'");
            }
        }
        String fallbackPrompt = answerPrompt.isEmpty() ? "answer" : answerPrompt.values().iterator().next();
        for (Language l : languages) {
            answerPrompt.putIfAbsent(l, fallbackPrompt);
        }
        answerPrompt.keySet().retainAll(languages);
        Map<String, Node> r = y.mapping(m.get("retrieval"), "retrieval", Set.of("topK"));
        Integer topK = y.integer(r.get("topK"), "retrieval.topK", 1, 10);
        Map<String, Node> b = y.mapping(m.get("budget"), "budget", Set.of("tokensPerConversation"));
        Integer budget = y.integer(b.get("tokensPerConversation"), "budget.tokensPerConversation", 0, 10_000_000);
        if (problems.size() > before) {
            return null;
        }
        return new BotSettings(name, tenant, List.copyOf(languages), Map.copyOf(greeting), tone, model, rules,
                List.copyOf(mask), List.copyOf(block), Map.copyOf(blockedReply), Map.copyOf(answerPrompt),
                topK != null ? topK : 3, budget != null ? budget : 0, Map.copyOf(calming));
    }

    private static Map<Language, String> perLanguage(YamlDoc y, Node node, String what) {
        Map<Language, String> out = new EnumMap<>(Language.class);
        if (node == null) {
            return out;
        }
        if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            String v = y.string(node, what);
            if (v != null) {
                for (Language l : Language.values()) {
                    out.put(l, v);
                }
            }
            return out;
        }
        for (Map.Entry<String, Node> e : y.mapping(node, what, LANG_KEYS).entrySet()) {
            String v = y.string(e.getValue(), what + "." + e.getKey());
            if (v != null) {
                out.put(Language.fromCode(e.getKey()), v);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- prompts

    static PromptFile parsePrompt(String file, String name, String text, List<FileProblem> problems) {
        int before = problems.size();
        if (!ID.matcher(name).matches()) {
            problems.add(new FileProblem(file, 0, "prompt file names must be lower-case letters, digits, '-' or '_'"));
        }
        FrontMatter fm = FrontMatter.split(file, text, problems);
        if (fm == null) {
            return null;
        }
        YamlDoc y = new YamlDoc(file, fm.yamlLine() - 1, problems);
        Map<String, Node> m = y.mapping(y.parse(fm.yaml()), "front matter", PROMPT_KEYS);
        String description = y.string(m.get("description"), "description");
        Double temperature = y.number(m.get("temperature"), "temperature", 0, 2);
        Integer maxTokens = y.integer(m.get("maxTokens"), "maxTokens", 1, 32000);

        String[] lines = fm.body().split("\n", -1);
        int systemAt = -1;
        int userAt = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.equals("[system]")) {
                if (systemAt >= 0) {
                    problems.add(new FileProblem(file, fm.bodyLine() + i, "second [system] section"));
                }
                systemAt = i;
            } else if (l.equals("[user]")) {
                if (userAt >= 0) {
                    problems.add(new FileProblem(file, fm.bodyLine() + i, "second [user] section"));
                }
                userAt = i;
            }
        }
        if (systemAt < 0 || userAt < 0 || userAt < systemAt) {
            problems.add(new FileProblem(file, fm.bodyLine(), "the body must have a line [system] followed later by a "
                    + "line [user]" + (systemAt < 0 ? " ([system] is missing)" : userAt < 0 ? " ([user] is missing)"
                    : " ([user] comes before [system])")));
            return null;
        }
        for (int i = 0; i < systemAt; i++) {
            if (!lines[i].isBlank()) {
                problems.add(new FileProblem(file, fm.bodyLine() + i, "text before [system]; put it inside a section"));
                break;
            }
        }
        String system = section(lines, systemAt + 1, userAt);
        String user = section(lines, userAt + 1, lines.length);
        int systemLine = fm.bodyLine() + systemAt + 1;
        int userLine = fm.bodyLine() + userAt + 1;
        if (system.isBlank()) {
            problems.add(new FileProblem(file, systemLine - 1, "the [system] section is empty"));
        }
        if (user.isBlank()) {
            problems.add(new FileProblem(file, userLine - 1, "the [user] section is empty"));
        } else if (!Template.variables(user).contains("question")) {
            problems.add(new FileProblem(file, userLine - 1, "the [user] section must use {{question}}"));
        }
        Template.validate(file, system, systemLine, false, problems);
        Template.validate(file, user, userLine, true, problems);
        if (problems.size() > before) {
            return null;
        }
        return new PromptFile(name, file, description, system, systemLine, user, userLine, temperature, maxTokens);
    }

    /** Lines [from, to) joined, without leading and trailing blank lines. */
    private static String section(String[] lines, int from, int to) {
        while (from < to && lines[from].isBlank()) {
            from++;
        }
        while (to > from && lines[to - 1].isBlank()) {
            to--;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, to));
    }

    // ---------------------------------------------------------------- knowledge

    static Article parseArticle(String file, String id, String text, List<FileProblem> problems,
            Map<String, Integer> relatedLines) {
        int before = problems.size();
        if (!ID.matcher(id).matches()) {
            problems.add(new FileProblem(file, 0, "article file names (the article id) must be lower-case letters, "
                    + "digits, '-' or '_'"));
        }
        FrontMatter fm = FrontMatter.split(file, text, problems);
        if (fm == null) {
            return null;
        }
        YamlDoc y = new YamlDoc(file, fm.yamlLine() - 1, problems);
        Node root = y.parse(fm.yaml());
        if (root == null) {
            if (problems.size() == before) {
                y.problem(1, "empty front matter: 'title' and 'language' are required");
            }
            return null;
        }
        Map<String, Node> m = y.mapping(root, "front matter", ARTICLE_KEYS);
        String title = y.requiredString(m, "title", null, "front matter");
        String langCode = y.requiredString(m, "language", null, "front matter");
        Language language = Language.fromCode(langCode);
        if (langCode != null && language == null) {
            y.problem(m.get("language"), "unsupported language '" + langCode + "' (supported: zh, en)");
        }
        List<String> tags = y.strings(m.get("tags"), "tags");
        List<String> related = new ArrayList<>();
        Node relNode = m.get("related");
        for (Node n : relNode instanceof org.yaml.snakeyaml.nodes.ScalarNode ? List.of(relNode)
                : y.list(relNode, "related")) {
            String r = y.string(n, "related item");
            if (r != null && !r.isBlank()) {
                related.add(r.strip());
                relatedLines.put(id + "/" + r.strip(), y.line(n));
            }
        }
        List<String> questions = y.strings(m.get("questions"), "questions");
        if (fm.body().isBlank()) {
            problems.add(new FileProblem(file, fm.bodyLine(), "the article has no text after the front matter"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Article(id, file, title.strip(), List.copyOf(tags), language, List.copyOf(related),
                List.copyOf(questions), fm.body().strip());
    }

    // ---------------------------------------------------------------- evals

    static List<EvalCase> parseEvals(String file, String text, Set<String> articleIds, List<FileProblem> problems,
            Map<String, Double> passRates) {
        YamlDoc y = new YamlDoc(file, 0, problems);
        Node root = y.parse(text);
        List<EvalCase> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        Map<String, Node> m = y.mapping(root, "eval file", Set.of("cases", "passRate"));
        Double passRate = y.number(m.get("passRate"), "passRate", 0, 1);
        passRates.put(file, passRate != null ? passRate : 1.0);
        if (!m.containsKey("cases")) {
            y.problem(root, "an eval file needs a list 'cases'");
            return out;
        }
        Set<String> names = new java.util.HashSet<>();
        for (Node c : y.list(m.get("cases"), "cases")) {
            int before = problems.size();
            Map<String, Node> cm = y.mapping(c, "case", CASE_KEYS);
            String name = y.requiredString(cm, "name", c, "case");
            String input = y.requiredString(cm, "input", c, "case");
            if (name != null && !names.add(name)) {
                y.problem(cm.get("name"), "duplicate case name '" + name + "'");
            }
            List<Turn> history = new ArrayList<>();
            for (Node t : y.list(cm.get("history"), "history")) {
                Map<String, Node> tm = y.mapping(t, "history item", Set.of("visitor", "bot", "agent"));
                if (tm.size() != 1) {
                    y.problem(t, "each history item is one line 'visitor: text', 'bot: text' or 'agent: text'");
                    continue;
                }
                Map.Entry<String, Node> e = tm.entrySet().iterator().next();
                String tt = y.string(e.getValue(), "history." + e.getKey());
                history.add(new Turn(Turn.Role.valueOf(e.getKey().toUpperCase()), tt == null ? "" : tt));
            }
            Map<String, Node> em = y.mapping(cm.get("expect"), "expect", EXPECT_KEYS);
            if (!cm.containsKey("expect") || em.isEmpty()) {
                y.problem(c, "a case needs 'expect' with at least one of " + String.join(", ", EXPECT_KEYS.stream().sorted().toList()));
            }
            List<String> contains = y.strings(em.get("contains"), "expect.contains");
            List<String> notContains = y.strings(em.get("notContains"), "expect.notContains");
            Boolean handoff = y.bool(em.get("handoff"), "expect.handoff");
            HandoffReason reason = null;
            String reasonCode = y.string(em.get("handoffReason"), "expect.handoffReason");
            if (reasonCode != null) {
                reason = HandoffReason.fromCode(reasonCode);
                if (reason == null) {
                    y.problem(em.get("handoffReason"), "unknown handoff reason '" + reasonCode + "' (known: "
                            + String.join(", ", java.util.Arrays.stream(HandoffReason.values()).map(HandoffReason::code).toList()) + ")");
                }
            }
            String article = y.string(em.get("article"), "expect.article");
            if (article != null && !articleIds.contains(article)) {
                y.problem(em.get("article"), "expected article '" + article + "' does not exist in knowledge/");
            }
            if (problems.size() == before) {
                out.add(new EvalCase(file, y.line(c), name, input, List.copyOf(history), List.copyOf(contains),
                        List.copyOf(notContains), handoff, reason, article));
            }
        }
        return out;
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
