package io.parley.routing.config;

import io.parley.common.TopicsConfig;
import io.parley.common.kafka.BacklogConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Routing's own settings ({@code parley.*} in application.properties, each with an environment variable named in
 * services/routing/README.md). The sweep intervals are also read by the schedulers' {@code @Scheduled} expressions.
 */
@ConfigMapping(prefix = "parley")
public interface RoutingConfig {

    Presence presence();

    Queue queue();

    Team team();

    Decisions routing();

    Sweep sla();

    Sweep autoClose();

    BotWatch botWatch();

    /** Kafka topic names and partitions (defined in parley-common's topics.properties). */
    TopicsConfig kafka();

    /** Which consumers' lag is exported as parley_messages_backlog (parley-common's ConsumerBacklog). */
    BacklogConfig backlog();

    /** Reports' pre-aggregation (report/ReportRollup). */
    Reports reports();

    interface Reports {
        /** How often today's and yesterday's figures are added up again (and online agents sampled). */
        @WithDefault("60s")
        Duration rollupInterval();

        /** Days (ending today, UTC) each rollup recomputes: late closes and ratings land on their own day. */
        @WithDefault("2")
        int rollupDays();

        /** Days the first rollup covers when there are no figures yet (an upgrade, a new install with history). */
        @WithDefault("366")
        int backfillDays();
    }

    interface Presence {
        /** A heartbeat older than this and the agent counts as offline (gateways beat every 5 s). */
        @WithName("ttl-ms")
        @WithDefault("15000")
        long ttlMillis();

        default Duration ttl() {
            return Duration.ofMillis(ttlMillis());
        }
    }

    interface Queue {
        /** After this long in line a conversation's requested skills are dropped (per group: relax_after_sec). */
        @WithDefault("120")
        int relaxAfterSec();

        /** Average handling time behind the estimated waits shown to queued visitors. */
        @WithDefault("240")
        int avgHandleSec();

        /** How often the sweeper re-adds lost entries and drains every queue. */
        @WithDefault("2s")
        Duration sweepInterval();
    }

    interface Team {
        /** How long the team configuration and business hours are cached before a background reload. */
        @WithName("cache-ttl-ms")
        @WithDefault("5000")
        long cacheTtlMillis();
    }

    /** A periodic sweep: SLA breaches ({@code parley.sla}, 10 s), inactive conversations ({@code parley.auto-close}, 30 s). */
    interface Sweep {
        @WithDefault("10s")
        Duration sweepInterval();
    }

    interface BotWatch {
        /** How often conversations still with a bot that no bot process serves any more are handed to the team. */
        @WithDefault("5s")
        Duration interval();
    }

    interface Decisions {
        /** Redis connections of the decision loop (decisions are one round trip each, one drain after another). */
        @WithDefault("2")
        int decisionConnections();
    }
}
