-- An analyst's incremental pull: incidents whose facts a load wrote in the last day (new ones, and
-- those whose estimates or description changed as reports came in), with their current estimates.
SELECT incident_id, event_date, country, admin1, target, killed_low, killed_best, killed_high, status, n_articles, loaded_at
FROM facts.incidents
WHERE loaded_at > (now() AT TIME ZONE 'UTC') - INTERVAL 1 DAY  -- load stamps are UTC
ORDER BY loaded_at DESC, incident_id;
