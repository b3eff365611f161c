package io.parley.bot.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parley.bot.domain.BotReply;
import io.parley.bot.domain.EvalCase;
import io.parley.bot.service.BotEngine;
import io.parley.bot.service.ConversationState;
import io.parley.bot.service.LoadedBot;

/** Runs a bot's eval cases, each in a fresh conversation, and reports which assertions failed. */
public final class EvalRunner {

    /** One case's outcome; {@code failures} empty means passed. */
    public record Row(EvalCase evalCase, BotReply reply, List<String> failures, long micros) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    public record Report(String botId, List<Row> rows, Map<String, Double> passRates) {

        /** Per eval file: {passed, total}. */
        public Map<String, int[]> perFile() {
            Map<String, int[]> out = new java.util.TreeMap<>();
            for (Row r : rows) {
                int[] c = out.computeIfAbsent(r.evalCase().file(), f -> new int[2]);
                c[1]++;
                if (r.passed()) {
                    c[0]++;
                }
            }
            return out;
        }

        /** True when every eval file reaches its {@code passRate}. */
        public boolean ok() {
            return perFile().entrySet().stream().allMatch(e -> e.getValue()[0] >= Math.ceil(
                    passRates.getOrDefault(e.getKey(), 1.0) * e.getValue()[1] - 1e-9));
        }

        public long passed() {
            return rows.stream().filter(Row::passed).count();
        }

        public long failed() {
            return rows.size() - passed();
        }

        /**
         * Retrieval top-1: cases with an expected article, and how many ranked it first (whether or not the
         * confidence was high enough to answer).
         */
        public int[] articleTop1() {
            int total = 0;
            int hit = 0;
            for (Row r : rows) {
                if (r.evalCase().article() != null) {
                    total++;
                    if (r.evalCase().article().equals(retrieved(r.reply()))) {
                        hit++;
                    }
                }
            }
            return new int[] {hit, total};
        }

        /** {truePositives, falsePositives, falseNegatives} over cases with an expected handoff. */
        public int[] handoffCounts() {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (Row r : rows) {
                Boolean expected = r.evalCase().handoff();
                if (expected == null) {
                    continue;
                }
                boolean actual = r.reply() instanceof BotReply.Handoff;
                if (actual && expected) {
                    tp++;
                } else if (actual) {
                    fp++;
                } else if (expected) {
                    fn++;
                }
            }
            return new int[] {tp, fp, fn};
        }
    }

    private final BotEngine engine;

    public EvalRunner(BotEngine engine) {
        this.engine = engine;
    }

    public Report run(LoadedBot bot) {
        List<Row> rows = new ArrayList<>();
        for (EvalCase c : bot.bot().evals()) {
            ConversationState state = new ConversationState();
            engine.prime(state, c.history());
            long t0 = System.nanoTime();
            BotReply reply = engine.reply(bot, state, c.input(), Map.of());
            long micros = (System.nanoTime() - t0) / 1000;
            rows.add(new Row(c, reply, check(c, reply), micros));
        }
        return new Report(bot.bot().id(), rows, bot.bot().evalPassRate());
    }

    static List<String> check(EvalCase c, BotReply reply) {
        List<String> failures = new ArrayList<>();
        String text = reply.text();
        for (String s : c.contains()) {
            if (!text.toLowerCase().contains(s.toLowerCase())) {
                failures.add("missing '" + s + "'");
            }
        }
        for (String s : c.notContains()) {
            if (text.toLowerCase().contains(s.toLowerCase())) {
                failures.add("contains '" + s + "'");
            }
        }
        boolean handedOff = reply instanceof BotReply.Handoff;
        if (c.handoff() != null && c.handoff() != handedOff) {
            failures.add(c.handoff() ? "expected handoff, got " + reply.kind() : "unexpected handoff ("
                    + ((BotReply.Handoff) reply).decision().reason().code() + ")");
        }
        if (c.handoffReason() != null) {
            if (!(reply instanceof BotReply.Handoff h) || h.decision().reason() != c.handoffReason()) {
                failures.add("expected handoff reason " + c.handoffReason().code() + ", got "
                        + (reply instanceof BotReply.Handoff h2 ? h2.decision().reason().code() : reply.kind()));
            }
        }
        if (c.article() != null) {
            String top = topArticle(reply);
            if (!c.article().equals(top)) {
                failures.add("expected article " + c.article() + ", got " + (top == null ? "none" : top));
            }
        }
        return failures;
    }

    /** The article an answer is based on (its best passage); none for a handoff. */
    static String topArticle(BotReply reply) {
        return reply instanceof BotReply.Answer a && !a.articles().isEmpty() ? a.articles().getFirst() : null;
    }

    /** The best retrieved article, answered or not. */
    static String retrieved(BotReply reply) {
        List<String> ids = switch (reply) {
            case BotReply.Answer a -> a.articles();
            case BotReply.Handoff h -> h.articles();
            case BotReply.Blocked b -> List.of();
        };
        return ids.isEmpty() ? null : ids.getFirst();
    }

    /** Prints the pass table and the summary lines. */
    public static void print(Report report, PrintStream out) {
        out.printf("bot %s: %d eval cases%n", report.botId(), report.rows().size());
        String fmt = "%-4s  %-28s  %-8s  %-18s  %-22s  %5s  %s%n";
        out.printf(fmt, "", "case", "reply", "reason", "article", "conf", "failures");
        for (Row r : report.rows()) {
            String reason = r.reply() instanceof BotReply.Handoff h ? h.decision().reason().code() : "";
            String article = retrieved(r.reply());
            double conf = r.reply() instanceof BotReply.Answer a ? a.confidence()
                    : r.reply() instanceof BotReply.Handoff h ? h.confidence() : 0;
            out.printf(fmt, r.passed() ? "PASS" : "FAIL", clip(r.evalCase().name(), 28), r.reply().kind(), reason,
                    article == null ? "-" : clip(article, 22), String.format("%.2f", conf), String.join("; ", r.failures()));
        }
        int[] top1 = report.articleTop1();
        if (top1[1] > 0) {
            out.printf("retrieval top-1: %d/%d (%.1f%%)%n", top1[0], top1[1], 100.0 * top1[0] / top1[1]);
        }
        int[] h = report.handoffCounts();
        if (h[0] + h[1] + h[2] > 0) {
            out.printf("handoff precision: %s, recall: %s (tp %d, fp %d, fn %d)%n", ratio(h[0], h[0] + h[1]),
                    ratio(h[0], h[0] + h[2]), h[0], h[1], h[2]);
        }
        for (Map.Entry<String, int[]> e : report.perFile().entrySet()) {
            double need = report.passRates().getOrDefault(e.getKey(), 1.0);
            boolean fileOk = e.getValue()[0] >= Math.ceil(need * e.getValue()[1] - 1e-9);
            out.printf("%-4s  %s: %d/%d passed (needs %.0f%%)%n", fileOk ? "ok" : "FAIL", e.getKey(), e.getValue()[0],
                    e.getValue()[1], need * 100);
        }
        out.printf("cases: %d of %d passed%n", report.passed(), report.rows().size());
        out.println(report.ok() ? "result: OK (every eval file reached its passRate)" : "result: FAILED");
    }

    private static String ratio(int a, int b) {
        return b == 0 ? "n/a" : String.format("%.1f%%", 100.0 * a / b);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
