package io.parley.gateway.rest;

import io.parley.common.json.Json;
import io.parley.common.rest.ApiError;
import io.parley.gateway.widget.WidgetSettings;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Request body limits per route, checked before anything reads a body: 64 KiB for every JSON endpoint, the tenant
 * ceiling (25 MiB) for an attachment upload, whose tenant's own limit {@code AttachmentResource} applies. Quarkus'
 * {@code max-body-size} is set to the upload ceiling, so this runs first (order -3, before its check at -2) and
 * answers in Parley's error format. A body must declare its length: a chunked one is refused (411) rather than read
 * up to the ceiling.
 */
@ApplicationScoped
public class BodyLimits {
    public static final long JSON_BYTES = 64 * 1024;
    public static final String UPLOAD_PATH = "/api/v1/attachments";

    void register(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            String encoding = request.getHeader("Transfer-Encoding");
            if (encoding != null && encoding.toLowerCase().contains("chunked")) {
                refuse(ctx, 411, "length_required", "send the body with a Content-Length");
                return;
            }
            ctx.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            refuse(ctx, 400, "bad_request", "Content-Length must be a number");
            return;
        }
        boolean upload = request.method() == HttpMethod.POST && UPLOAD_PATH.equals(request.path());
        long limit = upload ? WidgetSettings.MAX_UPLOAD_LIMIT : JSON_BYTES;
        if (length > limit) {
            refuse(ctx, 413, "too_large", "the body has " + length + " bytes; the limit here is " + limit);
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message) {
        // The unread body would otherwise follow on a kept-alive connection.
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(Json.write(new ApiError(code, message)));
    }
}
