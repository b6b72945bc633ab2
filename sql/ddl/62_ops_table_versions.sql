-- A counter per table, raised by every load that deleted or inserted rows in it: checks whose tables
-- kept their versions since the last evaluation keep its verdict instead of scanning again.
CREATE TABLE IF NOT EXISTS ops.table_versions (
    table_name      VARCHAR PRIMARY KEY,
    version         BIGINT NOT NULL,
    changed_at      TIMESTAMP NOT NULL
);
