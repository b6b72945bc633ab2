-- Incidents to rebuild: every incident of a touched block, and every incident a changed article reports.
CREATE OR REPLACE TEMP TABLE affected_incidents AS
SELECT incident_id FROM facts.incidents
WHERE cluster_block(place_resolved, date_precision, event_date, country, admin1) IN (SELECT block FROM touched_blocks)
UNION
SELECT incident_id FROM facts.incident_articles WHERE article_id IN (SELECT article_id FROM changed_articles)
