-- Warehouses built before feed partitions had one stamp row per column: theirs count as feed_part ''.
ALTER TABLE ops.load_stamps ADD COLUMN IF NOT EXISTS feed_part VARCHAR DEFAULT '';
