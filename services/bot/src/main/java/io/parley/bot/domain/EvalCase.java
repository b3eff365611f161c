package io.parley.bot.domain;

import java.util.List;

/**
 * One case of {@code evals/*.yaml}.
 *
 * @param history         earlier turns of the conversation, oldest first
 * @param handoff         expected handoff (true/false), or null for "don't care"
 * @param handoffReason   expected reason when handing off, or null
 * @param article         expected best article id, or null
 */
public record EvalCase(String file, int line, String name, String input, List<Turn> history, List<String> contains,
        List<String> notContains, Boolean handoff, HandoffReason handoffReason, String article) {
}
