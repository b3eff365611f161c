package io.parley.common.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Exports {@code parley_messages_backlog{topic,group}}: records of a topic that a service's consumer group has not
 * committed yet (its lag, summed over the partitions), read from Kafka every {@code parley.backlog.interval}. The
 * autoscalers scale on it (hpa/: a prometheus-adapter rule for plain HPAs; KEDA can also read Kafka itself), the
 * alerts watch it grow. Which consumers: {@code parley.backlog.channels}, incoming channel names whose topic and
 * group.id come from their own mp.messaging settings. Every replica of a service reports the same group lag, so
 * queries take the max per group, not the sum.
 */
@ApplicationScoped
public class ConsumerBacklog {
    private static final Logger LOG = Logger.getLogger(ConsumerBacklog.class);

    private final List<Watched> watched = new ArrayList<>();
    private final String bootstrap;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private Admin admin;

    /** One consumer group on one topic, and its last known backlog. */
    record Watched(String topic, String group, boolean fromEarliest, AtomicLong backlog) {
    }

    public ConsumerBacklog(Config config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "parley.backlog.channels") Optional<List<String>> channels,
            @ConfigProperty(name = "parley.backlog.interval", defaultValue = "10s") Duration interval) {
        this.bootstrap = bootstrap;
        this.interval = interval;
        for (String channel : channels.orElse(List.of())) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            String topic = config.getValue(prefix + "topic", String.class);
            String group = config.getValue(prefix + "group.id", String.class);
            boolean earliest = "earliest".equals(config.getOptionalValue(prefix + "auto.offset.reset", String.class)
                    .orElse("latest"));
            Watched w = new Watched(topic, group, earliest, new AtomicLong());
            watched.add(w);
            Gauge.builder("parley_messages_backlog", w.backlog(), AtomicLong::get).tag("topic", topic).tag("group", group)
                    .description("records of the topic the consumer group has not committed yet").register(registry);
        }
    }

    void start(@Observes StartupEvent started) {
        if (watched.isEmpty()) {
            return;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        admin = Admin.create(props);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-consumer-backlog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::measureAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void measureAll() {
        for (Watched w : watched) {
            try {
                w.backlog().set(measure(w));
            } catch (Exception e) {
                // Kafka unreachable: keep the last value (the alerts on Kafka itself say so), try again next time.
                LOG.debugf("backlog of %s on %s not measured: %s", w.group(), w.topic(), e.getMessage());
            }
        }
    }

    private long measure(Watched w) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(w.group())
                .partitionsToOffsetAndMetadata().get(8, TimeUnit.SECONDS);
        List<TopicPartition> partitions = admin.describeTopics(List.of(w.topic())).allTopicNames()
                .get(8, TimeUnit.SECONDS).get(w.topic()).partitions().stream()
                .map(p -> new TopicPartition(w.topic(), p.partition())).toList();
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = w.fromEarliest() ? offsets(partitions, OffsetSpec.earliest()) : Map.of();
        return backlog(partitions, committed, ends, starts);
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        admin.listOffsets(request).all().get(8, TimeUnit.SECONDS).forEach((p, info) -> result.put(p, info.offset()));
        return result;
    }

    /**
     * The records a group has still to read: per partition, the end offset minus the committed one. A partition the
     * group never committed counts from its start when the group starts at the earliest record, else as nothing (a
     * group starting at the latest record skips what is there).
     */
    public static long backlog(List<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts) {
        long total = 0;
        for (TopicPartition p : partitions) {
            long end = ends.getOrDefault(p, 0L);
            OffsetAndMetadata done = committed.get(p);
            long from = done != null ? done.offset() : starts.getOrDefault(p, end);
            total += Math.max(0, end - from);
        }
        return total;
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
