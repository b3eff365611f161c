package io.parley.bot.files;

/**
 * A file split into its YAML front matter and its body.
 *
 * @param yaml      the text between the two {@code ---} lines
 * @param yamlLine  line number (1-based) in the file of the first front-matter line
 * @param body      everything after the closing {@code ---} line
 * @param bodyLine  line number (1-based) in the file of the first body line
 */
public record FrontMatter(String yaml, int yamlLine, String body, int bodyLine) {

    /**
     * Splits text that must start with a line {@code ---}, followed by YAML, and a closing line {@code ---}.
     * Returns null and records a problem when the front matter is missing or unclosed.
     */
    public static FrontMatter split(String file, String text, java.util.List<FileProblem> problems) {
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        normalized = normalized.replace("\r\n", "\n");
        String[] lines = normalized.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            problems.add(new FileProblem(file, 1, "must start with a front matter block: a line '---', YAML, and a closing line '---'"));
            return null;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                String yaml = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, i));
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
                return new FrontMatter(yaml, 2, body, i + 2);
            }
        }
        problems.add(new FileProblem(file, 1, "front matter opened with '---' on line 1 is never closed by a line '---'"));
        return null;
    }
}
