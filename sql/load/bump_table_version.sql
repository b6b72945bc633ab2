-- $table changed: raise its version (the first change makes it 1).
INSERT INTO ops.table_versions AS current (table_name, version, changed_at)
VALUES ($table, 1, now()::TIMESTAMP)
ON CONFLICT (table_name) DO UPDATE SET version = current.version + 1, changed_at = excluded.changed_at
