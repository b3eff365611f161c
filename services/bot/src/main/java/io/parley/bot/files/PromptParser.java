package io.parley.bot.files;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import io.parley.bot.domain.PromptFile;
import io.parley.bot.prompt.Template;

/** Reads and validates a {@code prompts/*.prompt} file: front matter, a [system] and a [user] section. */
final class PromptParser {
    private static final Set<String> PROMPT_KEYS = Set.of("description", "temperature", "maxTokens");

    private PromptParser() {
    }

    static PromptFile parse(String file, String name, String text, List<FileProblem> problems) {
        int before = problems.size();
        if (!BotLoader.ID.matcher(name).matches()) {
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
        return String.join("\n", Arrays.copyOfRange(lines, from, to));
    }
}
