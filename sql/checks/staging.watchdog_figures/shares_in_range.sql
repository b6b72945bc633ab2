-- severity: blocking
-- Shares lie in 0..1 and counts are not negative.
SELECT source_file, source_row, category, count, share FROM staging.watchdog_figures
WHERE share < 0 OR share > 1 OR count < 0
