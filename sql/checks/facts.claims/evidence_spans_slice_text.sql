-- severity: blocking
-- since: facts.claims.loaded_at
-- span_start/span_end slice the stored article text to exactly the evidence (claims loaded since the last passing verdict).
-- The text is read only from the rows of the claims' articles (found by id first): articles added since are stored together.
WITH checked AS (
    SELECT claim_id, article_id, span_start, span_end, evidence FROM facts.claims
    WHERE ($since IS NULL OR loaded_at > $since) AND hash(article_id) % $parts::UBIGINT = $part::UBIGINT
),
texts AS (
    SELECT article_id, text FROM raw.articles WHERE rowid IN (SELECT rowid FROM raw.articles SEMI JOIN checked USING (article_id))
)
SELECT c.claim_id, c.span_start, c.span_end FROM checked c JOIN texts a USING (article_id)
WHERE substr(a.text, c.span_start + 1, c.span_end - c.span_start) IS DISTINCT FROM c.evidence
