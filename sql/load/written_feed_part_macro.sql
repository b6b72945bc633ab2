-- Whether a path (relative to the raw folder) lies in the feed partition being written: the variable
-- feed_part (pipelines/feed_parts.py), NULL when the whole feed is. A path's partition is its first
-- folder, or '.' for a file at the top level (feed_part_expr reads paths the same way in polars).
CREATE OR REPLACE TEMP MACRO in_written_feed_part(path) AS
    getvariable('feed_part') IS NULL
    OR coalesce(nullif(split_part(path, '/', 1), path), '.') = getvariable('feed_part')
