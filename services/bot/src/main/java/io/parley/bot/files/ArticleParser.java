package io.parley.bot.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import io.parley.bot.domain.Article;
import io.parley.bot.domain.Language;

/** Reads and validates a {@code knowledge/*.md} article: front matter and its text. */
final class ArticleParser {
    private static final Set<String> ARTICLE_KEYS = Set.of("title", "tags", "language", "related", "questions");

    private ArticleParser() {
    }

    static Article parse(String file, String id, String text, List<FileProblem> problems,
            Map<String, Integer> relatedLines) {
        int before = problems.size();
        if (!BotLoader.ID.matcher(id).matches()) {
            problems.add(new FileProblem(file, 0, "article file names (the article id) must be lower-case letters, "
                    + "digits, '-' or '_'"));
        }
        FrontMatter fm = FrontMatter.split(file, text, problems);
        if (fm == null) {
            return null;
        }
        YamlDoc y = new YamlDoc(file, fm.yamlLine() - 1, problems);
        Node root = y.parse(fm.yaml());
        if (root == null) {
            if (problems.size() == before) {
                y.problem(1, "empty front matter: 'title' and 'language' are required");
            }
            return null;
        }
        Map<String, Node> m = y.mapping(root, "front matter", ARTICLE_KEYS);
        String title = y.requiredString(m, "title", null, "front matter");
        String langCode = y.requiredString(m, "language", null, "front matter");
        Language language = Language.fromCode(langCode);
        if (langCode != null && language == null) {
            y.problem(m.get("language"), "unsupported language '" + langCode + "' (supported: zh, en)");
        }
        List<String> tags = y.strings(m.get("tags"), "tags");
        List<String> related = new ArrayList<>();
        Node relNode = m.get("related");
        for (Node n : relNode instanceof org.yaml.snakeyaml.nodes.ScalarNode ? List.of(relNode)
                : y.list(relNode, "related")) {
            String r = y.string(n, "related item");
            if (r != null && !r.isBlank()) {
                related.add(r.strip());
                relatedLines.put(id + "/" + r.strip(), y.line(n));
            }
        }
        List<String> questions = y.strings(m.get("questions"), "questions");
        if (fm.body().isBlank()) {
            problems.add(new FileProblem(file, fm.bodyLine(), "the article has no text after the front matter"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Article(id, file, title.strip(), List.copyOf(tags), language, List.copyOf(related),
                List.copyOf(questions), fm.body().strip());
    }
}
