package io.parley.gateway.fallback;

import io.parley.common.json.Json;
import io.parley.common.model.Participant;
import io.parley.common.rest.ApiError;
import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.session.SessionLifecycle;
import io.parley.gateway.session.SessionRegistry;
import io.parley.gateway.session.SocketDrain;
import io.parley.common.rest.ApiException;
import io.parley.gateway.visitor.VisitorCaller;
import io.parley.gateway.visitor.VisitorTokens;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /api/v1/widget/stream}: a visitor's session over Server-Sent Events, for clients whose WebSockets are
 * blocked (docs/protocol.md, "Fallback transport"). The same checks as the visitor socket's upgrade (the gateway's
 * limit, the token, the Origin), then the same session: welcome, cursors, acks, resume. Frames the client sends go
 * to {@link StreamFramesResource}. A plain Vert.x route, not a REST resource: the response stays open and is written
 * frame by frame on the session's context.
 */
@ApplicationScoped
public class EventStreamRoute {
    public static final String PATH = "/api/v1/widget/stream";

    private final VisitorCaller visitors;
    private final SessionLifecycle lifecycle;
    private final SessionRegistry sessions;
    private final SocketDrain drain;
    private final GatewayConfig config;
    private final Vertx vertx;

    public EventStreamRoute(VisitorCaller visitors, SessionLifecycle lifecycle, SessionRegistry sessions,
            SocketDrain drain, GatewayConfig config, Vertx vertx) {
        this.visitors = visitors;
        this.lifecycle = lifecycle;
        this.sessions = sessions;
        this.drain = drain;
        this.config = config;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (drain.draining() || sessions.count() >= config.maxConnections()) {
            refuse(ctx, 503, "unavailable", "this gateway is full or stopping: retry with backoff");
            return;
        }
        Context context = Vertx.currentContext();
        visitors.authorize(request.getHeader("Authorization"), request.getHeader("Origin"), request.getHeader("Host"))
                .subscribe().with(claims -> context.runOnContext(v -> stream(ctx, claims)),
                        failure -> context.runOnContext(v -> {
                            if (failure instanceof ApiException refused) {
                                refuse(ctx, refused.status(), refused.code(), refused.getMessage());
                            } else {
                                refuse(ctx, 503, "unavailable", "tenant directory unavailable");
                            }
                        }));
    }

    private void stream(RoutingContext ctx, VisitorTokens.VisitorClaims claims) {
        var response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        StreamLink link = new StreamLink(response, vertx, config.heartbeatSec());
        response.closeHandler(v -> {
            link.ended();
            lifecycle.close(link);
        });
        link.announce();
        lifecycle.open(link, claims.tenant(), Participant.visitor(claims.visitorId(), claims.name()), false,
                claims.routing()).subscribe().with(ok -> {
                }, failure -> {
                    Log.warnf("fallback stream %s could not open: %s", link.id(), failure.getMessage());
                    link.close(1011, "could not open the session");
                    lifecycle.close(link);
                });
    }

    private static void refuse(RoutingContext ctx, int status, String error, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.write(new ApiError(error, message)));
    }
}
