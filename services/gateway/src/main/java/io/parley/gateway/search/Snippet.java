package io.parley.gateway.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a message around its first match, with where each term occurs in it: offsets in UTF-16 code units
 * (as JavaScript indexes strings), so the console can mark them without parsing any markup.
 */
public record Snippet(String text, List<int[]> highlights) {
    static final int WIDTH = 160;

    public static Snippet of(String body, List<String> terms) {
        String lower = lowerSameLength(body);
        int first = -1;
        for (String term : terms) {
            int at = find(lower, term, 0);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        // A quarter of the window before the first match, the rest after it.
        int start = first < 0 || body.length() <= WIDTH ? 0
                : Math.max(0, Math.min(first - WIDTH / 4, body.length() - WIDTH));
        if (start > 0 && Character.isLowSurrogate(body.charAt(start))) {
            start++;
        }
        int end = Math.min(body.length(), start + WIDTH);
        if (end < body.length() && Character.isHighSurrogate(body.charAt(end - 1))) {
            end--;
        }
        String prefix = start > 0 ? "…" : "";
        String text = prefix + body.substring(start, end) + (end < body.length() ? "…" : "");
        List<int[]> marks = new ArrayList<>();
        String window = lower.substring(start, end);
        for (String term : terms) {
            for (int at = find(window, term, 0); at >= 0; at = find(window, term, at + term.length())) {
                marks.add(new int[] { prefix.length() + at, prefix.length() + at + term.length() });
            }
        }
        marks.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] mark : marks) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && mark[0] <= last[1]) {
                last[1] = Math.max(last[1], mark[1]);
            } else {
                merged.add(mark);
            }
        }
        return new Snippet(text, merged);
    }

    /** Lower case char by char, so offsets in it are offsets in the body (String.toLowerCase may change lengths). */
    static String lowerSameLength(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /**
     * Where a term occurs: CJK terms anywhere, other words at the start of a word (the query matched them as
     * prefixes of whole words).
     */
    private static int find(String text, String term, int from) {
        boolean cjk = SearchTerms.isCjk(term.codePointAt(0));
        for (int at = text.indexOf(term, from); at >= 0; at = text.indexOf(term, at + 1)) {
            if (cjk || at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at))) {
                return at;
            }
        }
        return -1;
    }
}
