package io.parley.gateway.tenant;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Which site's page a browser request comes from, as the tenant's allow-list sees it (docs/widget.md, "Origins").
 * The widget's chat runs in an iframe served by this gateway, so its requests carry the gateway's own origin; the
 * page that embeds it is named by the chat ({@code embedOrigin}), which the browser holds to the truth: the chat page
 * is served with {@code frame-ancestors} of exactly that origin, so a page of any other origin cannot frame it.
 */
public final class PageOrigin {
    /** scheme://host[:port], as browsers send Origin. */
    public static final String ORIGIN = "https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?";
    private static final Pattern ORIGIN_PATTERN = Pattern.compile(ORIGIN);

    private PageOrigin() {
    }

    /**
     * The origin the allow-list checks: null for a request without Origin (not a browser page), the embedding page
     * for a request of this gateway's own chat page (null when the chat is the hosted page itself, not embedded),
     * else the request's Origin.
     *
     * @param origin the request's Origin header
     * @param host the request's Host header (this gateway as the browser addressed it)
     * @param embedOrigin the embedding page the chat names, or null
     */
    public static String of(String origin, String host, String embedOrigin) {
        if (origin == null) {
            return null;
        }
        return isSameOrigin(origin, host) ? embedOrigin : origin;
    }

    /** Whether the request comes from a page this gateway served. */
    public static boolean isSameOrigin(String origin, String host) {
        if (origin == null || host == null || !isOrigin(origin)) {
            return false;
        }
        return host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
    }

    public static boolean isOrigin(String value) {
        return value != null && ORIGIN_PATTERN.matcher(value).matches();
    }
}
