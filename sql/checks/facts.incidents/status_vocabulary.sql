-- severity: blocking
-- status is confirmed, contested or claimed; every incident has at least one article.
SELECT incident_id, status, n_articles FROM facts.incidents
WHERE status NOT IN ('confirmed', 'contested', 'claimed') OR n_articles < 1
