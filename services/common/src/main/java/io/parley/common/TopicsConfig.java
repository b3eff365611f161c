package io.parley.common;

import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka topics as every service's configuration has them ({@link TopicsConfigSource}, {@link Topics#FILE}):
 * {@code parley.kafka.topics.<topic>.name} and {@code .partitions}, and {@code parley.kafka.topic-prefix}. A group
 * every service's own {@code @ConfigMapping(prefix = "parley")} includes as {@code kafka()}, so these keys are known.
 */
public interface TopicsConfig {
    /** Put before every topic name (profile e2e: the browser stage's own copies of the topics). */
    Optional<String> topicPrefix();

    Map<String, Topic> topics();

    interface Topic {
        String name();

        @WithDefault("1")
        int partitions();
    }
}
