-- Mentions an incident to rebuild holds that were not linked again (none, unless the re-clustering
-- missed part of an incident): they would lose their incident.
SELECT count(*) FROM facts.incident_articles l
WHERE l.incident_id IN (SELECT incident_id FROM affected_incidents)
  AND l.article_id NOT IN (SELECT article_id FROM changed_articles)
  AND NOT EXISTS (SELECT 1 FROM incoming_links i WHERE i.article_id = l.article_id AND i.incident_key = l.incident_key)
