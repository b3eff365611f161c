package io.parley.bot.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tokens for lexical matching: Latin words (lower-cased, stop words dropped, light suffix stripping) and, for
 * Chinese, the single Han characters and the pairs of adjacent ones (no dictionary needed).
 */
public final class Tokens {

    private static final Set<String> STOP = Set.of("a", "an", "the", "i", "me", "my", "you", "your", "we", "our",
            "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "to", "of", "in", "on", "for", "at",
            "by", "with", "and", "or", "it", "its", "this", "that", "can", "could", "how", "what", "when", "where",
            "which", "who", "why", "will", "would", "should", "if", "so", "not", "no", "yes", "please", "hi", "hello",
            "there", "any", "about", "from", "have", "has", "had", "get", "got", "need", "want", "i'm");
    private static final Set<String> ZH_STOP = Set.of("的", "了", "吗", "呢", "吧", "啊", "我", "你", "您", "是", "在",
            "有", "和", "就", "都", "也", "要", "怎", "么", "什", "请", "问", "个", "这", "那", "能", "可", "以", "想");

    private Tokens() {
    }

    /** Tokens for retrieval: stop words dropped, English words lightly stemmed. */
    public static List<String> of(String text) {
        return split(text, true);
    }

    /** Every word as written (lower-cased), every Han character and pair of adjacent ones: for classifiers. */
    public static List<String> all(String text) {
        return split(text, false);
    }

    private static List<String> split(String text, boolean search) {
        List<String> out = new ArrayList<>();
        String s = text.toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        int prevHan = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flush(word, out, search);
                String c = new String(Character.toChars(cp));
                if (!search || !ZH_STOP.contains(c)) {
                    out.add(c);
                }
                if (prevHan >= 0) {
                    out.add(new String(Character.toChars(prevHan)) + c);
                }
                prevHan = cp;
            } else {
                prevHan = -1;
                if (Character.isLetterOrDigit(cp) || cp == '\'') {
                    word.appendCodePoint(cp);
                } else {
                    flush(word, out, search);
                }
            }
        }
        flush(word, out, search);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out, boolean search) {
        if (word.isEmpty()) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (!search) {
            out.add(w);
        } else if (!STOP.contains(w)) {
            out.add(stem(w));
        }
    }

    static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 4 && w.endsWith("ed")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
