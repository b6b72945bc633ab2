-- severity: blocking
-- Every stated share points at its article and its span slices the stored text to the evidence.
SELECT s.article_id, s.span_start, s.span_end FROM staging.control_statements s LEFT JOIN raw.articles a USING (article_id)
WHERE a.article_id IS NULL OR substr(a.text, s.span_start + 1, s.span_end - s.span_start) IS DISTINCT FROM s.evidence
