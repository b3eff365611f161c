package io.parley.bench;

import java.util.Arrays;

/**
 * Latency samples (nanoseconds) of one measurement window. Only samples whose send time falls inside the
 * window are kept, so warm-up and drain traffic do not skew the figures.
 */
final class Latencies {
    private final long windowStart;
    private final long windowEnd;
    private long[] samples = new long[1 << 16];
    private int count;

    Latencies(long windowStartNanos, long windowEndNanos) {
        this.windowStart = windowStartNanos;
        this.windowEnd = windowEndNanos;
    }

    boolean inWindow(long sentNanos) {
        return sentNanos >= windowStart && sentNanos < windowEnd;
    }

    /** Called from several event-loop threads, hence synchronized (cheap at these rates). */
    synchronized void record(long sentNanos, long receivedNanos) {
        if (!inWindow(sentNanos)) {
            return;
        }
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = receivedNanos - sentNanos;
    }

    synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Summary(count, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                count == 0 ? Double.NaN : sorted[count - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1; // nearest-rank
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Milliseconds. */
    record Summary(int count, double p50, double p95, double p99, double max) {
    }
}
