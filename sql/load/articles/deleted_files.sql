-- Files the warehouse holds that the raw folder no longer does (none in a backfill, which clears everything).
CREATE OR REPLACE TEMP TABLE deleted_files AS
SELECT source_file FROM raw.files
WHERE NOT $everything AND input_kind IN ('article', 'unsupported', 'refused') AND status <> 'deleted'
  AND source_file NOT IN (SELECT source_file FROM scanned_files)
