-- Warehouses built before feed partitions had one version row per table: theirs count as feed_part ''.
ALTER TABLE ops.table_versions ADD COLUMN IF NOT EXISTS feed_part VARCHAR DEFAULT '';
