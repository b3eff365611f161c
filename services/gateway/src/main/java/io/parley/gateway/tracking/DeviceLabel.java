package io.parley.gateway.tracking;

/** A short, human label of a browser from its User-Agent ("mobile · Safari"), for agents: not a fingerprint. */
final class DeviceLabel {
    private DeviceLabel() {
    }

    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String ua = userAgent.toLowerCase();
        String form = ua.contains("ipad") || ua.contains("tablet") ? "tablet"
                : ua.contains("mobi") || ua.contains("iphone") || ua.contains("android") ? "mobile" : "desktop";
        String browser = ua.contains("edg/") ? "Edge" : ua.contains("opr/") ? "Opera" : ua.contains("firefox/") ? "Firefox"
                : ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/") ? "Chrome"
                : ua.contains("safari/") ? "Safari" : "other";
        String os = ua.contains("windows") ? "Windows" : ua.contains("iphone") || ua.contains("ipad") ? "iOS"
                : ua.contains("android") ? "Android" : ua.contains("mac os") ? "macOS" : ua.contains("linux") ? "Linux"
                : "other";
        return form + " · " + browser + " · " + os;
    }
}
