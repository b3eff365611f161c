package io.parley.gateway.socket;

import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.session.SessionRegistry;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every socket upgrade, before the endpoints' own checks: a gateway holding {@code parley.max-connections} sockets
 * refuses more with 503, which clients treat like any failed connect (back off, try again; behind a load balancer
 * the retry usually lands on another gateway). The count may overshoot by the upgrades in flight at that moment.
 */
@ApplicationScoped
public class ConnectionLimitCheck implements HttpUpgradeCheck {
    private final SessionRegistry sessions;
    private final int max;

    public ConnectionLimitCheck(SessionRegistry sessions, GatewayConfig config) {
        this.sessions = sessions;
        this.max = config.maxConnections();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return sessions.count() >= max ? CheckResult.rejectUpgrade(503) : CheckResult.permitUpgrade();
    }
}
