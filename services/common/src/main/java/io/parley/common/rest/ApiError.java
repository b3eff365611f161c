package io.parley.common.rest;

/**
 * The JSON body of every REST error of every Parley service: {@code {"error":"<code>","message":"<human text>"}}
 * (docs/protocol.md, section 4 "REST"). Each service's one exception mapper writes it.
 */
public record ApiError(String error, String message) {
}
