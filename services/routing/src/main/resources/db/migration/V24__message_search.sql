-- Full-text search over a tenant's history (docs/console.md, "Search"). PostgreSQL's parser keeps a run of Chinese
-- (or Japanese) characters as one "word", so no query for part of it would match; spacing every CJK character makes
-- each one a lexeme with its position, and the console's query asks for the characters of a term as a phrase
-- (adjacent, in order: 退 <-> 款), which matches the term anywhere in the text. Other words stay words ('simple':
-- lower case, no stemming, no stop words; the query matches them as prefixes).
CREATE FUNCTION parley_search_document(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN to_tsvector('simple'::regconfig,
        regexp_replace(body, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])', ' \1 ', 'g'));

-- Stored, not only indexed: a phrase match is checked against the row's document, which is then read instead of
-- computed again for every candidate row.
ALTER TABLE message ADD COLUMN search tsvector GENERATED ALWAYS AS (parley_search_document(body)) STORED;

-- Rare terms: the GIN index finds the few rows. Frequent terms: the newest messages of the tenant, walked in time
-- order until a page is full, are cheaper; the planner picks by the terms' frequency (the column's statistics).
CREATE INDEX message_search ON message USING gin (search);
CREATE INDEX message_by_tenant_time ON message (tenant_id, created_at DESC, id DESC);

-- Visitors are found by name, claimed id or email, and attribute values: the same document, with '@' and '.' as
-- spaces so that each part of an address is a word ("ann", "example", "com").
ALTER TABLE visitor ADD COLUMN search tsvector GENERATED ALWAYS AS (parley_search_document(translate(
    coalesce(name, '') || ' ' || coalesce(claimed_id, '') || ' ' || jsonb_path_query_array(attributes, '$.*.value')::text,
    '@.', '  '))) STORED;
CREATE INDEX visitor_search ON visitor USING gin (search);
