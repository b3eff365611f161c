package io.parley.bot.files;

import java.util.List;

/** A bot folder could not be loaded; carries every problem found, each naming file and line. */
public class BotFileException extends Exception {

    private final List<FileProblem> problems;

    public BotFileException(List<FileProblem> problems) {
        super(String.join("\n", problems.stream().map(FileProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<FileProblem> problems() {
        return problems;
    }
}
