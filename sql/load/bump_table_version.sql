-- $table changed: raise its version (the first change makes it 1). A writer of one feed partition
-- (the variable feed_part) counts in a row of its own, so writers of different partitions never update
-- one row, and two writers of the same partition always do: DuckLake lets only one of them commit.
MERGE INTO ops.table_versions AS current
USING (SELECT $table AS table_name, coalesce(getvariable('feed_part'), '') AS feed_part) AS changed
ON current.table_name = changed.table_name AND current.feed_part = changed.feed_part
WHEN MATCHED THEN UPDATE SET version = current.version + 1, changed_at = now()::TIMESTAMP
WHEN NOT MATCHED THEN INSERT (table_name, feed_part, version, changed_at)
    VALUES (changed.table_name, changed.feed_part, 1, now()::TIMESTAMP)
