-- severity: blocking
-- since: facts.claims.loaded_at
-- span_start/span_end slice the stored article text to exactly the evidence (claims loaded since the last passing verdict).
SELECT c.claim_id, c.span_start, c.span_end FROM facts.claims c JOIN raw.articles a USING (article_id)
WHERE ($since IS NULL OR c.loaded_at > $since) AND hash(c.article_id) % $parts = $part AND hash(a.article_id) % $parts = $part
  AND substr(a.text, c.span_start + 1, c.span_end - c.span_start) IS DISTINCT FROM c.evidence
