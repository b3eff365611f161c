package io.parley.gateway.tracking;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the loader reports (docs/widget.md, "Visitor tracking"): a page view, or with {@code heartbeat} only that the
 * page is still open. {@code deviceId} is the loader's random id for this browser on the tenant's site, {@code visitId}
 * its id for this visit (a tab session); neither says who the visitor is.
 */
public record PageView(
        @NotNull(message = TENANT) @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = TENANT) String tenant,
        @NotNull(message = ID) @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = ID) String deviceId,
        @NotNull(message = ID) @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = ID) String visitId,
        @NotNull(message = URL) @Size(max = 2000, message = URL) @Pattern(regexp = "https?://\\S+", message = URL) String url,
        @Size(max = 300, message = "'title' must be at most 300 characters") String title,
        @Size(max = 2000, message = "'referrer' must be at most 2000 characters") String referrer,
        boolean heartbeat) {

    static final String TENANT = "'tenant' must be 1..64 of A-Z a-z 0-9 _ . -";
    static final String ID = "'deviceId' and 'visitId' must be 8..64 of A-Z a-z 0-9 _ -";
    static final String URL = "'url' must be an http(s) URL of at most 2000 characters";
}
