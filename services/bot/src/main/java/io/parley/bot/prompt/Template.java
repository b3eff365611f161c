package io.parley.bot.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.bot.files.FileProblem;

/**
 * A prompt template: literal text with {@code {{variable}}} placeholders. Nothing else is special, so what a
 * designer writes is what the model gets, apart from the placeholders.
 */
public final class Template {

    /** Variables that carry text from outside the bot's own files: allowed only in the user section. */
    public static final Set<String> UNTRUSTED = Set.of("question", "history", "knowledge", "visitor.name");
    /** Variables allowed anywhere. */
    public static final Set<String> TRUSTED = Set.of("tenant", "bot.name", "tone", "language");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[a-z]+(\\.[A-Za-z0-9_-]+)?");

    private Template() {
    }

    /** Checks every placeholder of a section; {@code firstLine} is the file line of the section's first line. */
    public static void validate(String file, String text, int firstLine, boolean userSection, List<FileProblem> problems) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = PLACEHOLDER.matcher(line);
            int lineNo = firstLine + i;
            while (m.find()) {
                String name = m.group(1);
                if (!NAME.matcher(name).matches() || !(TRUSTED.contains(name) || isVisitorVar(name)
                        || UNTRUSTED.contains(name))) {
                    problems.add(new FileProblem(file, lineNo, "unknown variable {{" + name + "}} (known: question, history, "
                            + "knowledge, visitor.name, visitor.<attribute>, tenant, bot.name, tone, language)"));
                } else if (!userSection && (UNTRUSTED.contains(name) || isVisitorVar(name))) {
                    problems.add(new FileProblem(file, lineNo, "{{" + name + "}} carries visitor or knowledge text and "
                            + "may only be used in the [user] section"));
                }
            }
            String rest = PLACEHOLDER.matcher(line).replaceAll("");
            if (rest.contains("{{") || rest.contains("}}")) {
                problems.add(new FileProblem(file, lineNo, "unbalanced '{{' or '}}'"));
            }
        }
    }

    private static boolean isVisitorVar(String name) {
        return name.startsWith("visitor.") && name.length() > "visitor.".length();
    }

    /** Replaces every placeholder by its value; values are inserted as they are (callers delimit them). */
    public static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (value == null && isVisitorVar(name)) {
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Names of the placeholders used, in order. */
    public static List<String> variables(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
