package io.parley.bot.rest;

/**
 * The JSON body of every error of the bot's REST API: {@code {"error":"<code>","message":"<human text>"}} (the same
 * body as the gateway's). Thrown as an {@link ApiException}, written by {@link ApiErrorMapper}.
 */
public record ApiError(String error, String message) {
}
