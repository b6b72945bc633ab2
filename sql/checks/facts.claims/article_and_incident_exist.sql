-- severity: blocking
-- Referential integrity: every claim's article and incident exist.
SELECT c.claim_id, c.article_id, c.incident_id FROM facts.claims c
LEFT JOIN raw.articles a USING (article_id)
LEFT JOIN facts.incidents i USING (incident_id)
WHERE a.article_id IS NULL OR i.incident_id IS NULL
