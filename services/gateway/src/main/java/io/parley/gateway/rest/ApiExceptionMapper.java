package io.parley.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place REST errors become responses, all with the body {@code {"error":"<code>","message":"<text>"}}
 * ({@link ApiError}): refusals ({@link ApiException}), invalid bodies (every problem named, separated by
 * {@code "; "}), a field of the wrong JSON type or an unknown one (named alone), malformed JSON, and the framework's
 * own 404/405/406/413/415. Anything else is a 500 that is logged.
 */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        return response(e.status(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String problems = e.getConstraintViolations().stream().map(ApiExceptionMapper::describe).sorted().distinct()
                .collect(Collectors.joining("; "));
        return response(400, "bad_request", problems);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                : "[" + ref.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException) { // only where a body refuses unknown fields
            return response(400, "bad_request", "unknown field '" + field + "'");
        }
        return response(400, "bad_request", field.isEmpty() ? "body must be a JSON object"
                : "'" + field + "' has the wrong type");
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return response(400, "bad_request", "body is not valid JSON");
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? wrongType(mismatch) : malformed(json);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "unavailable" : "bad_request";
        };
        return response(status, code, e.getMessage() == null ? code.replace('_', ' ') : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.errorf(e, "unexpected error in a REST call");
        return response(500, "internal", "unexpected error; it was logged");
    }

    /**
     * The message when it names its field itself (Parley's all do, in quotes) or is about a whole parameter (the body),
     * else "'field' message" with the field's path in the body.
     */
    private static String describe(ConstraintViolation<?> violation) {
        String message = violation.getMessage();
        String path = violation.getPropertyPath().toString(); // method.parameter[.field...]
        int field = path.indexOf('.', path.indexOf('.') + 1) + 1;
        return message.contains("'") || field == 0 ? message : "'" + path.substring(field) + "' " + message;
    }

    private static Response response(int status, String code, String message) {
        return Response.status(status).entity(new ApiError(code, message))
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build(); // also for a file download
    }
}
