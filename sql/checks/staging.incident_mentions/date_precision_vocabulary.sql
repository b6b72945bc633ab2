-- severity: blocking
-- date_precision is day, week, month, year or unknown, and unknown has no date.
SELECT article_id, incident_key, event_date, date_precision FROM staging.incident_mentions
WHERE date_precision NOT IN ('day', 'week', 'month', 'year', 'unknown') OR (date_precision = 'unknown') <> (event_date IS NULL)
