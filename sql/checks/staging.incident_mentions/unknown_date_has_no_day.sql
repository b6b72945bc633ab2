-- severity: blocking
-- A mention has a date exactly when its precision is not 'unknown'; keys are unique.
SELECT article_id, incident_key, event_date, date_precision FROM staging.incident_mentions
WHERE (date_precision = 'unknown') <> (event_date IS NULL)
   OR (article_id, incident_key) IN (SELECT (article_id, incident_key) FROM staging.incident_mentions GROUP BY ALL HAVING count(*) > 1)
