package io.parley.bench;

import java.util.List;
import java.util.Locale;

/** Renders the results as a markdown table (the same text goes to stdout and to bench/results-<date>.md). */
final class Report {
    private Report() {
    }

    static String markdown(List<ChatLoad.Result> chat, List<KafkaBaseline.Result> kafka, int agents, int visitors,
            long measureMs) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Chat path: %d visitors -> %d agents, one gateway, one routing; "
                + "%d s measured per rate. Latencies in ms.%n%n", visitors, agents, measureMs / 1000));
        md.append("| target msg/s | sent | delivered to agents | achieved msg/s | delivery p50 | p95 | p99 | max "
                + "| ack p50 | ack p99 | errors |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ChatLoad.Result r : chat) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    r.rate(), r.sent(), r.delivery().count(), r.delivery().count() * 1000.0 / r.measureMs(),
                    r.delivery().p50(), r.delivery().p95(), r.delivery().p99(), r.delivery().max(), r.ack().p50(),
                    r.ack().p99(), r.errors()));
        }
        md.append("\nRaw Kafka produce -> consume (acks=all, linger.ms=1, topic ").append(KafkaBaseline.TOPIC)
                .append(", 12 partitions). Latencies in ms.\n\n");
        md.append("| target msg/s | sent | consumed | p50 | p99 | max |\n|---:|---:|---:|---:|---:|---:|\n");
        for (KafkaBaseline.Result r : kafka) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f |%n", r.rate(), r.sent(),
                    r.latency().count(), r.latency().p50(), r.latency().p99(), r.latency().max()));
        }
        return md.toString();
    }
}
