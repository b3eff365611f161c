package io.parley.gateway.session;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A gateway stopping (SIGTERM, a rolling update) hands its sockets over instead of dropping them. Quarkus' shutdown
 * delay ({@code quarkus.shutdown.delay}, PARLEY_SHUTDOWN_DELAY) is the hand-over: from its start readiness reports
 * down and new upgrades get 503 (ConnectionLimitCheck), so load balancers stop sending sockets here; its first half
 * lets them notice, and over its second half every socket is closed with 1012 ("service restart": clients reconnect
 * at once, docs/protocol.md) in batches, so the other gateways are not hit by everyone in the same moment. This
 * must happen within the delay: after it Quarkus waits for open requests (an open socket is one) and then stops the
 * HTTP server, which would close them with 1000. Nothing is lost by closing: a send not yet acked is resent by its
 * client with the same clientMsgId.
 */
@ApplicationScoped
public class SocketDrain {
    /** The close code clients treat as "reconnect now" (RFC 6455 registry: Service Restart). */
    public static final int RECONNECT_NOW = 1012;
    private static final int BATCHES = 20;

    private final OpenConnections connections;
    private final SessionRegistry sessions;
    private final Duration delay;
    private volatile boolean draining;

    public SocketDrain(OpenConnections connections, SessionRegistry sessions,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.connections = connections;
        this.sessions = sessions;
        this.delay = delay.orElse(Duration.ZERO);
    }

    /** True from the start of shutdown: no new sockets. */
    public boolean draining() {
        return draining;
    }

    void handOver(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        Log.infof("shutting down: readiness down, new sockets refused; %d open, closed over the next %s",
                connections.listAll().size(), delay);
        Thread drain = new Thread(() -> {
            sleep(delay.toMillis() / 2);
            closeAll(delay.toMillis() * 4 / 10); // done before the delay ends, with a margin
        }, "parley-socket-drain");
        drain.setDaemon(true);
        drain.start();
    }

    /** Without a delay (or if some socket is still open): close what is left at once, still with 1012. */
    void shutdown(@Observes ShutdownEvent event) {
        draining = true;
        closeAll(0);
    }

    /** Every WebSocket (with a session or still opening) and every fallback stream, closed with 1012. */
    private void closeAll(long overMs) {
        List<Runnable> open = new ArrayList<>();
        Set<String> sockets = new HashSet<>();
        for (WebSocketConnection c : connections.listAll()) {
            sockets.add(c.id());
            open.add(() -> c.close(new CloseReason(RECONNECT_NOW, "reconnect")).subscribe().with(ok -> {
            }, failure -> Log.debugf("close of %s failed: %s", c.id(), failure.getMessage())));
        }
        sessions.all().filter(s -> !sockets.contains(s.id()))
                .forEach(s -> open.add(() -> s.link().close(RECONNECT_NOW, "reconnect")));
        if (open.isEmpty()) {
            return;
        }
        Collections.shuffle(open); // visitors and agents mixed, so neither side waits for the other
        int perBatch = (open.size() + BATCHES - 1) / BATCHES;
        Log.infof("shutting down: closing %d sockets with %d over %d ms", open.size(), RECONNECT_NOW, overMs);
        for (int from = 0; from < open.size(); from += perBatch) {
            open.subList(from, Math.min(open.size(), from + perBatch)).forEach(Runnable::run);
            if (from + perBatch < open.size()) {
                sleep(overMs / BATCHES);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
