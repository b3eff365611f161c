package io.parley.gateway.tracking;

/**
 * A visitor whose page is open now, as agents see them: the page they are on, how many pages this visit, since when,
 * their device and (when a proxy says) country. Visitor-controlled text (title, URL) is shown as text by the console.
 */
public record LiveVisitor(String deviceId, String visitId, String url, String title, String referrer, int pages,
        long visitStarted, long lastSeen, String device, String country) {
}
