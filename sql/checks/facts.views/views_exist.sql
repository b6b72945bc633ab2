-- severity: warn
-- Every analyst view of sql/views exists in the warehouse.
SELECT name FROM (VALUES ('incident_claims'), ('incident_side_figures'), ('disputed_incidents'), ('control_trend'), ('control_text_vs_watchdog'), ('incident_actor_figures'), ('article_relevance')) v(name)
WHERE name NOT IN (SELECT view_name FROM duckdb_views() WHERE schema_name = 'views')
