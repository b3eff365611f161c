package io.parley.gateway.socket;

import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.session.SessionRegistry;
import io.parley.gateway.session.SocketDrain;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every socket upgrade, before the endpoints' own checks: a gateway holding {@code parley.max-connections} sockets,
 * or shutting down ({@link SocketDrain}), refuses more with 503, which clients treat like any failed connect (back
 * off, try again; behind a load balancer the retry usually lands on another gateway). The count may overshoot by
 * the upgrades in flight at that moment.
 */
@ApplicationScoped
public class ConnectionLimitCheck implements HttpUpgradeCheck {
    private final SessionRegistry sessions;
    private final SocketDrain drain;
    private final int max;

    public ConnectionLimitCheck(SessionRegistry sessions, SocketDrain drain, GatewayConfig config) {
        this.sessions = sessions;
        this.drain = drain;
        this.max = config.maxConnections();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return drain.draining() || sessions.count() >= max ? CheckResult.rejectUpgrade(503)
                : CheckResult.permitUpgrade();
    }
}
