-- severity: blocking
-- since: staging.article_extractions.extracted_at
-- Every stated share points at a stored article, and its span slices the text to the evidence (shares extracted since the last passing verdict).
SELECT s.article_id, s.span_start, s.span_end FROM staging.control_statements s
ANTI JOIN raw.articles a USING (article_id)
WHERE hash(s.article_id) % $parts = $part
UNION ALL
SELECT s.article_id, s.span_start, s.span_end FROM staging.control_statements s
JOIN staging.article_extractions e USING (article_id)
JOIN raw.articles a USING (article_id)
WHERE ($since IS NULL OR e.extracted_at > $since)
  AND hash(s.article_id) % $parts = $part AND hash(a.article_id) % $parts = $part
  AND substr(a.text, s.span_start + 1, s.span_end - s.span_start) IS DISTINCT FROM s.evidence
