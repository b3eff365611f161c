package io.parley.gateway.rest;

import java.time.OffsetDateTime;
import java.util.List;

/** Query parameters that list endpoints read themselves, so that each bad one is named in the same 400. */
public final class QueryParams {
    private QueryParams() {
    }

    /** An ISO-8601 date-time with an offset; null when absent or when it is not one (then a problem is added). */
    public static OffsetDateTime time(String value, String name, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (RuntimeException e) {
            problems.add("'" + name + "' must be an ISO-8601 date-time with an offset");
            return null;
        }
    }

    /** A page size of 1..{@code max}, {@code fallback} when absent; when it is anything else a problem is added. */
    public static int limit(String value, int fallback, int max, List<String> problems) {
        int limit = value == null ? fallback : value.matches("[0-9]{1,3}") ? Integer.parseInt(value) : -1;
        if (limit < 1 || limit > max) {
            problems.add("'limit' must be 1.." + max);
        }
        return limit;
    }
}
