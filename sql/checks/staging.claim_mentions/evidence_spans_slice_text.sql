-- severity: blocking
-- since: staging.article_extractions.extracted_at
-- Every claim points at a stored article, and span_start/span_end slice its text to exactly the evidence (claims extracted since the last passing verdict; an article's text never changes under its id).
SELECT c.article_id, c.claim_index, c.span_start, c.span_end FROM staging.claim_mentions c
ANTI JOIN raw.articles a USING (article_id)
WHERE hash(c.article_id) % $parts = $part
UNION ALL
SELECT c.article_id, c.claim_index, c.span_start, c.span_end FROM staging.claim_mentions c
JOIN staging.article_extractions e USING (article_id)
JOIN raw.articles a USING (article_id)
WHERE ($since IS NULL OR e.extracted_at > $since)
  AND hash(c.article_id) % $parts = $part AND hash(a.article_id) % $parts = $part
  AND substr(a.text, c.span_start + 1, c.span_end - c.span_start) IS DISTINCT FROM c.evidence
