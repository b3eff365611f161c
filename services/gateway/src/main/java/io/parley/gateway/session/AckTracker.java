package io.parley.gateway.session;

import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * No false acks, no silent waits: a send whose sequenced message has not come back within {@code parley.ack-timeout}
 * (and an action without routing's result) gets {@code error unavailable}. One sweep every 250 ms over all sockets'
 * {@link PendingReplies}, rather than a timer per send.
 */
@ApplicationScoped
public class AckTracker {
    static final long SWEEP_MILLIS = 250;

    private final SessionRegistry sessions;
    private final Vertx vertx;
    private final long timeoutMillis;
    private long timer = -1;

    public AckTracker(SessionRegistry sessions, Vertx vertx, GatewayConfig config) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.timeoutMillis = config.ackTimeout().toMillis();
    }

    /** When an answer sent now stops being worth waiting for. */
    public long deadline() {
        return System.currentTimeMillis() + timeoutMillis;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void sweep() {
        long now = System.currentTimeMillis();
        sessions.all().forEach(session -> session.pending().expire(now).forEach(expired -> session.write(
                new ServerFrame.Error(ErrorCode.UNAVAILABLE, expired.action()
                        ? "action not confirmed in time; check the conversation's state before retrying"
                        : "message not confirmed in time; resend with the same clientMsgId", expired.ref()))));
    }
}
