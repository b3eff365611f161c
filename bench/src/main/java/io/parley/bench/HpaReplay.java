package io.parley.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Horizontal Pod Autoscaler's decision, replayed over sampled metrics (the algorithm as Kubernetes documents it;
 * KEDA drives the same HPA with its own metric source). Every sync period: per metric, ratio = current value /
 * target, where the value is the average per replica; within the tolerance (0.1) a metric proposes no change,
 * otherwise ceil(ratio x replicas); the largest proposal wins, bounded by min and max. Scaling up is limited to the
 * larger of +100% and +4 pods per 15 s (the default policies); scaling down takes the highest recommendation of the
 * stabilisation window and at most {@code scaleDownPercent} of the replicas per minute (the chart's behaviour).
 * Open loop: the metrics are what the sampled service showed; the decisions do not feed back into them.
 */
final class HpaReplay {
    /** The chart's numbers: min, max, CPU target (% of the request), backlog per replica, the CPU request in cores. */
    record Settings(int min, int max, double cpuTargetPercent, double backlogTarget, double cpuRequestCores,
            double tolerance, long syncMs, long scaleDownWindowMs, double scaleDownPercent) {
        static Settings chart(int max) {
            return new Settings(2, max, 70, 1000, 0.5, 0.1, 15_000, 300_000, 50);
        }
    }

    /** One sync: the metrics it saw (total CPU cores of the service, total backlog) and what it decided. */
    record Decision(long atMs, double cpuCores, double backlog, int cpuProposal, int backlogProposal, int replicas) {
    }

    private final Settings settings;
    private final Deque<long[]> recommendations = new ArrayDeque<>(); // {atMs, desired}
    private final Deque<long[]> history = new ArrayDeque<>(); // {atMs, replicas}
    private int replicas;

    HpaReplay(Settings settings) {
        this.settings = settings;
        this.replicas = settings.min();
    }

    int replicas() {
        return replicas;
    }

    Decision sync(long atMs, double cpuCores, double backlog) {
        int n = replicas;
        double cpuPerPodPercent = cpuCores / (n * settings.cpuRequestCores()) * 100;
        int cpu = proposal(n, cpuPerPodPercent / settings.cpuTargetPercent());
        int lag = proposal(n, backlog / n / settings.backlogTarget());
        int desired = clamp(Math.max(cpu, lag));
        recommendations.addLast(new long[] { atMs, desired });
        while (recommendations.peekFirst()[0] < atMs - settings.scaleDownWindowMs()) {
            recommendations.removeFirst();
        }
        int next;
        if (desired > n) {
            next = Math.min(desired, Math.max(2 * n, n + 4));
        } else {
            // Scale down only to the highest recommendation of the window, and by at most the policy per minute.
            int stabilised = (int) recommendations.stream().mapToLong(r -> r[1]).max().orElse(desired);
            int minuteAgo = replicasAt(atMs - 60_000);
            int floor = (int) Math.ceil(minuteAgo * (1 - settings.scaleDownPercent() / 100));
            next = Math.min(n, Math.max(stabilised, floor));
        }
        replicas = clamp(next);
        history.addLast(new long[] { atMs, replicas });
        return new Decision(atMs, cpuCores, backlog, cpu, lag, replicas);
    }

    private int proposal(int n, double ratio) {
        return Math.abs(ratio - 1) <= settings.tolerance() ? n : (int) Math.ceil(ratio * n);
    }

    /** The replicas decided at the last sync at or before {@code atMs} (min before the first one). */
    private int replicasAt(long atMs) {
        int at = settings.min();
        for (long[] h : history) {
            if (h[0] > atMs) {
                break;
            }
            at = (int) h[1];
        }
        return at;
    }

    private int clamp(int n) {
        return Math.max(settings.min(), Math.min(settings.max(), n));
    }
}
