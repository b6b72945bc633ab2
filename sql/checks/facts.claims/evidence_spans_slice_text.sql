-- severity: blocking
-- span_start/span_end slice the stored article text to exactly the evidence.
SELECT c.claim_id, c.span_start, c.span_end FROM facts.claims c JOIN raw.articles a USING (article_id)
WHERE substr(a.text, c.span_start + 1, c.span_end - c.span_start) IS DISTINCT FROM c.evidence
