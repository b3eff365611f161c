package io.parley.gateway.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.gateway.tenant.PageOrigin;
import org.junit.jupiter.api.Test;

/** Which page the allow-list sees: the pure rule behind WidgetEmbeddingTest. */
class PageOriginTest {
    @Test
    void theChatPagesRequestsAreCheckedByTheEmbeddingPage() {
        assertEquals("https://shop.example", PageOrigin.of("http://gw.example:8080", "gw.example:8080", "https://shop.example"));
        assertNull(PageOrigin.of("http://gw.example:8080", "GW.example:8080", null), "hosted chat: no other site");
        assertEquals("https://evil.example", PageOrigin.of("https://evil.example", "gw.example:8080", "https://shop.example"),
                "another site is checked by its own Origin, whatever it claims to embed");
        assertNull(PageOrigin.of(null, "gw.example", "https://evil.example"), "not a browser");
        assertEquals("http://gw.example", PageOrigin.of("http://gw.example", "gw.example:8080", null),
                "another port is another origin");
    }

    @Test
    void originsAreSchemeHostAndPortOnly() {
        for (String ok : new String[] { "https://shop.example", "http://127.0.0.1:18483", "http://[::1]:8080" }) {
            assertTrue(PageOrigin.isOrigin(ok), ok);
        }
        for (String bad : new String[] { "null", "file://", "https://shop.example/", "javascript:alert(1)",
                "https://user@shop.example", "ftp://shop.example", "https://shop.example:8080/x", "" }) {
            assertFalse(PageOrigin.isOrigin(bad), bad);
        }
        assertFalse(PageOrigin.isSameOrigin("null", "null"), "an opaque origin is nobody's");
    }
}
