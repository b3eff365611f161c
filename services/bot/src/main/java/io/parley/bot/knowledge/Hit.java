package io.parley.bot.knowledge;

import io.parley.bot.domain.Article;

/**
 * An article found for a question.
 *
 * @param score    combined score in [0, 1]
 * @param semantic best cosine similarity of the question with the article's title, example questions or text
 * @param lexical  idf-weighted share of the question's tokens found in the article
 */
public record Hit(Article article, double score, double semantic, double lexical) {
}
