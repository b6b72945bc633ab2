-- severity: blocking
-- since: staging.article_extractions.extracted_at
-- Every claim points at a stored article, and span_start/span_end slice its text to exactly the evidence (claims extracted since the last passing verdict; an article's text never changes under its id).
-- The text is read only from the rows of the articles checked (found by id first): articles added since are stored together.
WITH checked AS (
    SELECT article_id FROM staging.article_extractions
    WHERE ($since IS NULL OR extracted_at > $since) AND hash(article_id) % $parts::UBIGINT = $part::UBIGINT
),
texts AS (
    SELECT article_id, text FROM raw.articles WHERE rowid IN (SELECT rowid FROM raw.articles SEMI JOIN checked USING (article_id))
)
SELECT c.article_id, c.claim_index, c.span_start, c.span_end FROM staging.claim_mentions c
ANTI JOIN raw.articles a USING (article_id)
WHERE hash(c.article_id) % $parts::UBIGINT = $part::UBIGINT
UNION ALL
SELECT c.article_id, c.claim_index, c.span_start, c.span_end FROM staging.claim_mentions c
SEMI JOIN checked USING (article_id)
JOIN texts a USING (article_id)
WHERE substr(a.text, c.span_start + 1, c.span_end - c.span_start) IS DISTINCT FROM c.evidence
