package io.parley.bench;

import java.util.List;
import java.util.Locale;

/** How the request-latency benchmarks turn samples into the figures of their tables. */
final class Figures {
    private Figures() {
    }

    /** Nearest-rank percentile of sorted nanosecond samples, in milliseconds. */
    static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** "median (min-max)" of one column over the rounds. */
    static String spread(List<double[]> values, int column) {
        double[] v = values.stream().mapToDouble(a -> a[column]).sorted().toArray();
        return fmt(v[v.length / 2]) + " (" + fmt(v[0]) + "-" + fmt(v[v.length - 1]) + ")";
    }

    static String fmt(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }
}
