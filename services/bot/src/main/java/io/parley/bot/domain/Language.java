package io.parley.bot.domain;

import java.util.Locale;

/** Languages the bot understands. Detection is by script: Han characters mean Chinese. */
public enum Language {
    ZH, EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Language fromCode(String code) {
        return code == null ? null : switch (code.strip().toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "zh-hans", "chinese" -> ZH;
            case "en", "en-us", "en-gb", "english" -> EN;
            default -> null;
        };
    }

    /** Chinese when at least a fifth of the letters are Han characters (so "我的 order 123" counts as Chinese). */
    public static Language detect(String text) {
        int han = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
                letters++;
            } else if (Character.isLetter(cp)) {
                letters++;
            }
            i += Character.charCount(cp);
        }
        if (han == 0) {
            return EN;
        }
        return han * 5 >= letters ? ZH : EN;
    }
}
