package io.parley.gateway.config;

import io.parley.common.TopicsConfig;
import io.parley.common.kafka.BacklogConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's own settings ({@code parley.*} in application.properties; the environment variables are in the root
 * README and services/gateway/README.md).
 */
@ConfigMapping(prefix = "parley")
public interface GatewayConfig {

    /** WebSocket ping interval; a socket that answers none for two intervals is closed. */
    @WithDefault("30")
    int heartbeatSec();

    /** No sequenced message (or action result) back by then: the sender gets {@code error unavailable}. */
    @WithDefault("PT10S")
    Duration ackTimeout();

    /**
     * Sockets (visitors' and agents') this gateway holds before it refuses new ones with 503, so a full gateway sends
     * clients elsewhere instead of running out of memory or file descriptors. Exported as
     * {@code parley_gateway_connections_max} beside {@code parley_gateway_connections}.
     */
    @WithDefault("10000")
    int maxConnections();

    RateLimit rateLimit();

    Presence presence();

    VisitorToken visitorToken();

    Console console();

    Tickets tickets();

    Tracking tracking();

    /** Visitor tracking (docs/widget.md, "Visitor tracking"). */
    interface Tracking {
        /** How long page views are kept. */
        @WithDefault("P30D")
        Duration retention();

        /** The header a proxy sets to the visitor's country (ISO 3166 alpha-2), e.g. CloudFront-Viewer-Country. */
        @WithDefault("CF-IPCountry")
        String countryHeader();

        /** A visitor counts as live this long after their page last reported. */
        @WithDefault("60s")
        Duration liveFor();
    }

    /** Kafka topic names and partitions (defined in parley-common's topics.properties). */
    TopicsConfig kafka();

    /** Which consumers' lag is exported as parley_messages_backlog (parley-common's ConsumerBacklog). */
    BacklogConfig backlog();

    /** Sends and actions per second per socket (a token bucket). */
    interface RateLimit {
        @WithDefault("20")
        double sendsPerSecond();

        @WithDefault("40")
        int burst();
    }

    interface Presence {
        /** How often agents with an available device here are marked online. */
        @WithDefault("5s")
        Duration heartbeat();

        /**
         * How fresh a heartbeat must be for the supervisor view to show an agent online: routing's
         * {@code parley.presence.ttl-ms} (15 s), which decides who gets conversations.
         */
        @WithDefault("15s")
        Duration onlineFor();
    }

    /**
     * Visitor tokens: HS256, signed with {@code secret} under key id {@code kid}; tokens signed with the previous
     * secret (key id {@code previous-kid}) are still accepted, so a secret can be rotated without logging visitors
     * out. In the prod profile the gateway refuses to start without a proper secret ({@code VisitorSecretCheck}).
     */
    interface VisitorToken {
        Optional<String> secret();

        @WithDefault("1")
        String kid();

        Optional<String> previousSecret();

        Optional<String> previousKid();

        @WithDefault("PT12H")
        Duration ttl();
    }

    /** The agent console: its own origins, and where its browser-side login goes. */
    interface Console {
        List<String> origins();

        String oidcUrl();

        String clientId();
    }

    interface Tickets {
        /** How often the tickets outbox is relayed when no change of this gateway nudged it. */
        @WithDefault("1s")
        Duration relayInterval();
    }

    /** Ticket replies by email (the SMTP server itself is quarkus.mailer.*). */
    Mail mail();

    interface Mail {
        /** The right-hand side of the Message-IDs that thread a ticket's mails ({@code <ticket-42@domain>}). */
        @WithDefault("parley.local")
        String messageIdDomain();
    }
}
