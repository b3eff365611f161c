package io.parley.bot.rest;

/** An error answer of the REST API: HTTP status, {@link ApiError} code and message. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    /** 404 for a bot that does not exist and for one of another tenant alike, so bot ids do not leak. */
    public static ApiException noSuchBot() {
        return new ApiException(404, "not_found", "no such bot");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }
}
