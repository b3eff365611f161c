package io.parley.gateway.session;

import io.parley.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Closes sockets that answered no ping for two heartbeat intervals, and fallback streams whose client posted nothing
 * (not even its ping) for as long: the peer is gone (closed laptop, dead network).
 */
@ApplicationScoped
public class SilentSockets {
    private final SessionRegistry sessions;
    private final long silenceMillis;

    public SilentSockets(SessionRegistry sessions, GatewayConfig config) {
        this.sessions = sessions;
        this.silenceMillis = 2L * config.heartbeatSec() * 1000;
    }

    @Scheduled(every = "1s")
    void closeSilentSockets() {
        long deadline = System.currentTimeMillis() - silenceMillis;
        sessions.all().filter(session -> session.lastPong() < deadline).forEach(session -> {
            Log.debugf("closing silent socket %s", session.id());
            session.link().close(1001, "no pong within two heartbeats");
        });
    }
}
