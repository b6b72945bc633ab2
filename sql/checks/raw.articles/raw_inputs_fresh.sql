-- severity: warn
-- Freshness: some raw input file changed within the last 36 hours, as a daily feed's would.
SELECT max(modified_at) AS newest FROM raw.files HAVING max(modified_at) < now()::TIMESTAMP - INTERVAL 36 HOUR
