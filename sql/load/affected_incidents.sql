-- Incidents to rebuild: every incident that held a mention linked again or a changed article's mention.
CREATE OR REPLACE TEMP TABLE affected_incidents AS
SELECT incident_id FROM facts.incident_articles l SEMI JOIN incoming_links r USING (article_id, incident_key)
UNION
SELECT incident_id FROM facts.incident_articles WHERE article_id IN (SELECT article_id FROM changed_articles)
