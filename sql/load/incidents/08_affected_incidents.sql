-- Incidents to rebuild: every incident that holds a mention clustered again or a changed article's mention.
CREATE OR REPLACE TEMP TABLE affected_incidents AS
SELECT incident_id FROM facts.incident_articles l SEMI JOIN recluster_mentions r USING (article_id, incident_key)
UNION
SELECT incident_id FROM facts.incident_articles WHERE article_id IN (SELECT article_id FROM changed_articles)
