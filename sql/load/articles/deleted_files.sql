-- Files the warehouse holds that the raw folder no longer does (none in a backfill, which clears everything),
-- of the feed partition being written (variable feed_part, pipelines/feed_parts.py) or of the whole feed. A
-- partition's backfill clears only its own files, so it looks for its vanished files as any run does.
CREATE OR REPLACE TEMP TABLE deleted_files AS
SELECT source_file FROM raw.files
WHERE (NOT $everything OR getvariable('feed_part') IS NOT NULL)
  AND input_kind IN ('article', 'unsupported', 'refused') AND status <> 'deleted'
  AND source_file NOT IN (SELECT source_file FROM scanned_files)
  AND in_written_feed_part(source_file)
