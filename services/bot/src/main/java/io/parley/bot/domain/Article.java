package io.parley.bot.domain;

import java.util.List;

/**
 * A knowledge article {@code knowledge/ID.md}.
 *
 * @param questions optional example questions visitors ask for this article (improve retrieval)
 * @param related   ids of related articles offered as follow-ups
 */
public record Article(String id, String file, String title, List<String> tags, Language language,
        List<String> related, List<String> questions, String body) {

    /** The body as plain lines: markdown markers removed, blank lines dropped. */
    public String plainBody() {
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            s = s.replaceAll("^[-*+]\\s+", "").replace("**", "").replace("__", "").replace("`", "");
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(s);
        }
        return out.toString();
    }
}
