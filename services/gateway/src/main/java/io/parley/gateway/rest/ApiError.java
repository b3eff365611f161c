package io.parley.gateway.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

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
}
