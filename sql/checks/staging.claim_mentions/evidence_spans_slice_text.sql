-- severity: blocking
-- span_start/span_end slice the stored article text to exactly the evidence.
SELECT c.article_id, c.claim_index, c.span_start, c.span_end FROM staging.claim_mentions c
LEFT JOIN raw.articles a USING (article_id)
WHERE a.article_id IS NULL OR substr(a.text, c.span_start + 1, c.span_end - c.span_start) IS DISTINCT FROM c.evidence
