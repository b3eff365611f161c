package io.parley.common.kafka;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code parley.backlog.*}, read by {@link ConsumerBacklog}. Like {@link io.parley.common.TopicsConfig}, a group a
 * service's own {@code @ConfigMapping(prefix = "parley")} includes as {@code backlog()}, so the keys are known there.
 */
public interface BacklogConfig {
    /** Incoming channels whose consumer group's lag is exported (their topic and group.id are read from them). */
    Optional<List<String>> channels();

    /** How often the lag is read from Kafka. */
    @WithDefault("10s")
    Duration interval();
}
