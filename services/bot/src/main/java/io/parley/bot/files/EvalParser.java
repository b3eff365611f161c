package io.parley.bot.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import io.parley.bot.domain.EvalCase;
import io.parley.bot.domain.HandoffReason;
import io.parley.bot.domain.Turn;

/** Reads and validates an {@code evals/*.yaml} file: its cases and its pass rate. */
final class EvalParser {
    private static final Set<String> CASE_KEYS = Set.of("name", "input", "history", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("contains", "notContains", "handoff", "handoffReason", "article");

    private EvalParser() {
    }

    static List<EvalCase> parse(String file, String text, Set<String> articleIds, List<FileProblem> problems,
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
        Set<String> names = new HashSet<>();
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
                            + String.join(", ", Arrays.stream(HandoffReason.values()).map(HandoffReason::code).toList()) + ")");
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
}
