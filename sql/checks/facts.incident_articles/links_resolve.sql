-- severity: blocking
-- Every link names an existing incident and article.
SELECT l.incident_id, l.article_id FROM facts.incident_articles l
LEFT JOIN facts.incidents i USING (incident_id) LEFT JOIN raw.articles a USING (article_id)
WHERE i.incident_id IS NULL OR a.article_id IS NULL
