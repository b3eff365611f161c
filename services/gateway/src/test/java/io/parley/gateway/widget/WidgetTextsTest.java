package io.parley.gateway.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The texts a tenant may override (WidgetSettings.TEXT_KEYS, checked by the admin API) are exactly the chat's own, in
 * both locales: a text added to the chat without its key here could not be overridden, a key here without a text
 * would be accepted and never shown.
 */
class WidgetTextsTest {
    private static final Pattern LOCALE = Pattern.compile("\"(en|zh-CN)\": \\{(.*?)\\n  \\}", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("^\\s+(\\w+): \"", Pattern.MULTILINE);

    @Test
    void everyLocaleHasExactlyTheOverridableKeys() throws IOException {
        String texts;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/assets/chat-texts.js")) {
            texts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher locale = LOCALE.matcher(texts);
        Set<String> seen = new TreeSet<>();
        while (locale.find()) {
            seen.add(locale.group(1));
            Set<String> keys = new TreeSet<>();
            Matcher key = KEY.matcher(locale.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
            assertEquals(new TreeSet<>(WidgetSettings.TEXT_KEYS), keys, "the keys of " + locale.group(1));
        }
        assertEquals(new TreeSet<>(WidgetSettings.LOCALES), seen, "the chat's locales");
    }
}
