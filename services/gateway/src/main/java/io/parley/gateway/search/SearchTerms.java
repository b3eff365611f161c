package io.parley.gateway.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search box's text as terms, and those terms as a PostgreSQL {@code tsquery} for
 * {@code parley_search_document} (migration V24): every term must match; a run of CJK characters matches as a
 * phrase of single characters (anywhere in the text), any other word as a prefix. Terms hold only letters and
 * digits, so nothing typed can inject tsquery operators.
 */
public record SearchTerms(List<String> terms, String tsquery) {
    public static final int MAX_CHARS = 200;
    public static final int MAX_TERMS = 10;

    /** The terms of a query, or null when it has none (only punctuation or spaces). */
    public static SearchTerms parse(String query) {
        String text = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> terms = new ArrayList<>();
        StringBuilder term = new StringBuilder();
        boolean cjk = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean letter = Character.isLetterOrDigit(cp);
            boolean isCjk = letter && isCjk(cp);
            // A term ends at anything that is not a letter or digit, and where CJK meets other letters (退款abc).
            if (!letter || (term.length() > 0 && isCjk != cjk)) {
                add(terms, term);
            }
            if (letter) {
                term.appendCodePoint(cp);
                cjk = isCjk;
            }
        }
        add(terms, term);
        if (terms.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String t : terms) {
            parts.add(isCjk(t.codePointAt(0)) ? phrase(t) : t + ":*");
        }
        return new SearchTerms(List.copyOf(terms), String.join(" & ", parts));
    }

    private static void add(List<String> terms, StringBuilder term) {
        if (term.length() > 0 && !terms.contains(term.toString())) {
            terms.add(term.toString());
        }
        term.setLength(0);
    }

    private static String phrase(String cjkRun) {
        List<String> chars = new ArrayList<>();
        cjkRun.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
        return chars.size() == 1 ? chars.get(0) : "(" + String.join(" <-> ", chars) + ")";
    }

    /** The ranges the migration's function spaces out: kana, CJK ideographs (extension A, unified, compatibility). */
    static boolean isCjk(int cp) {
        return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)
                || (cp >= 0xf900 && cp <= 0xfaff);
    }
}
