-- severity: blocking
-- since: staging.article_extractions.extracted_at
-- Every stated share points at a stored article, and its span slices the text to the evidence (shares extracted since the last passing verdict).
-- The text is read only from the rows of the articles checked (found by id first): articles added since are stored together.
WITH checked AS (
    SELECT article_id FROM staging.article_extractions
    WHERE ($since IS NULL OR extracted_at > $since) AND hash(article_id) % $parts::UBIGINT = $part::UBIGINT
),
texts AS (
    SELECT article_id, text FROM raw.articles WHERE rowid IN (SELECT rowid FROM raw.articles SEMI JOIN checked USING (article_id))
)
SELECT s.article_id, s.span_start, s.span_end FROM staging.control_statements s
ANTI JOIN raw.articles a USING (article_id)
WHERE hash(s.article_id) % $parts::UBIGINT = $part::UBIGINT
UNION ALL
SELECT s.article_id, s.span_start, s.span_end FROM staging.control_statements s
SEMI JOIN checked USING (article_id)
JOIN texts a USING (article_id)
WHERE substr(a.text, s.span_start + 1, s.span_end - s.span_start) IS DISTINCT FROM s.evidence
