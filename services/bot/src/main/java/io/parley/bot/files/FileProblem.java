package io.parley.bot.files;

/**
 * One problem found in a bot designer's file.
 *
 * @param file    path relative to the bots directory, with forward slashes (e.g. {@code acme/bot.yaml})
 * @param line    1-based line, 0 when the problem concerns the whole file
 * @param message what is wrong, in plain words
 */
public record FileProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
