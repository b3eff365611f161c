package io.parley.gateway.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The JSON body of every REST error: {@code {"error":"<code>","message":"<human text>"}}. */
public record ApiError(String error, String message) {

    public static Response response(int status, String code, String message) {
        return Response.status(status).entity(new ApiError(code, message)).build();
    }

    /** The same, already answered, for reactive endpoints that refuse before doing any work. */
    public static Uni<Response> uni(int status, String code, String message) {
        return Uni.createFrom().item(response(status, code, message));
    }

    /** 400 for a body that is not a JSON object. */
    public static Uni<Response> notAnObject() {
        return uni(400, "bad_request", "body must be a JSON object");
    }

    /** 400 naming every problem found, separated by {@code "; "}. */
    public static Uni<Response> invalid(List<String> problems) {
        return uni(400, "bad_request", String.join("; ", problems));
    }

    /** 200 with what {@code lookup} found, or 404 with {@code missing} when it found nothing (null). */
    public static <T> Uni<Response> okOr404(Uni<T> lookup, String missing) {
        return lookup.map(found -> found == null ? response(404, "not_found", missing) : Response.ok(found).build());
    }
}
