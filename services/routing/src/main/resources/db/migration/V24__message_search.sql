-- Full-text search over a tenant's history (docs/console.md, "Search"). PostgreSQL's parser keeps a run of Chinese
-- (or Japanese) characters as one "word", so no query for part of it would match; spacing every CJK character makes
-- each one a lexeme with its position, and the console's query asks for the characters of a term as a phrase
-- (adjacent, in order: 退 <-> 款), which matches the term anywhere in the text. Other words stay words ('simple':
-- lower case, no stemming, no stop words; the query matches them as prefixes). IMMUTABLE with an explicit
-- configuration, so it can back an expression index.
CREATE FUNCTION parley_search_document(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN to_tsvector('simple'::regconfig,
        regexp_replace(body, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])', ' \1 ', 'g'));

CREATE INDEX message_search ON message USING gin (parley_search_document(body));
