-- severity: blocking
-- Each table row is stored once, with its source file and row number.
SELECT source_file, sheet, source_row, count(*) AS n FROM raw.watchdog_rows
GROUP BY ALL HAVING count(*) > 1 OR source_file IS NULL OR source_row IS NULL
