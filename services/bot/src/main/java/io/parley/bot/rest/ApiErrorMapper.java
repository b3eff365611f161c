package io.parley.bot.rest;

import java.util.Locale;

import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The one exception mapper of the bot's REST API: every error answer has the body {@link ApiError}. The resource's
 * own refusals ({@link ApiException}: 400, 403, 404) keep their code and message; JAX-RS's (an unknown path 404, 405,
 * 406, 415, ...) get a code from their status and keep their headers (e.g. {@code Allow}); an identity provider that
 * cannot be reached to verify a token is 503 {@code unavailable}; anything else is a bug: logged, and answered 500
 * {@code internal} without details. Authentication and role checks (401, 403) are answered
 * by Quarkus's own mappers for its security exceptions, which are more specific than {@code Exception}.
 */
@Provider
public class ApiErrorMapper implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof ApiException e) {
            return body(Response.status(e.status()), e.code(), e.getMessage());
        }
        if (exception instanceof WebApplicationException e && e.getResponse() != null
                && e.getResponse().getStatus() < 500) {
            int status = e.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            String phrase = known == null ? "HTTP " + status : known.getReasonPhrase();
            String code = known == null ? "http_" + status : phrase.toLowerCase(Locale.ROOT).replace(' ', '_');
            Response.ResponseBuilder builder = Response.status(status);
            e.getResponse().getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return body(builder, code, phrase.toLowerCase(Locale.ROOT));
        }
        if (exception instanceof OIDCException) {
            // The identity provider could not be reached to verify the token (e.g. Keycloak not started yet).
            Log.warnf("cannot verify a token: %s", exception.getMessage());
            return body(Response.status(503), "unavailable", "cannot verify the token now: the identity provider is "
                    + "not available");
        }
        Log.errorf(exception, "REST request failed");
        return body(Response.status(500), "internal", "internal error");
    }

    private static Response body(Response.ResponseBuilder builder, String code, String message) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
