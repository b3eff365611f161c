package io.parley.gateway.page;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The widget's weight budgets, enforced by the build (it prints the sizes either way): the loader a tenant's page
 * loads on every view at most 5 KB gzipped; the chat's first open (the chat page and every local script and
 * stylesheet it references) at most 60 KB gzipped. What the page references is read from it, so a new asset counts
 * without anyone remembering to add it here.
 */
class WidgetBudgetTest {
    private static final int LOADER_BUDGET = 5 * 1024;
    private static final int CHAT_BUDGET = 60 * 1024;
    private static final Pattern LOCAL_ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"");

    @Test
    void loaderAndFirstOpenStayWithinTheirBudgets() throws IOException {
        int loader = gzipped(resource("META-INF/resources/widget/loader.js"));
        String page = new String(resource("pages/chat.html"), StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>(List.of("pages/chat.html"));
        int chat = gzipped(page.getBytes(StandardCharsets.UTF_8));
        Matcher m = LOCAL_ASSET.matcher(page);
        while (m.find()) {
            parts.add(m.group(1));
            chat += gzipped(resource("META-INF/resources" + m.group(1)));
        }
        System.out.printf("widget budgets: loader %,d B gzipped (budget %,d); chat first open %,d B gzipped (budget %,d): %s%n",
                loader, LOADER_BUDGET, chat, CHAT_BUDGET, parts);
        assertTrue(loader <= LOADER_BUDGET, "loader.js is " + loader + " B gzipped, over its " + LOADER_BUDGET + " B budget");
        assertTrue(chat <= CHAT_BUDGET, "the chat's first open is " + chat + " B gzipped, over its " + CHAT_BUDGET
                + " B budget: " + parts);
        assertTrue(parts.size() > 1, "the chat page references no script: " + parts);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = WidgetBudgetTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no resource " + path);
            }
            return in.readAllBytes();
        }
    }

    private static int gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
