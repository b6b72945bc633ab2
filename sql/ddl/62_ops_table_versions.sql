-- A counter per table, raised by every load that deleted or inserted rows in it: checks whose tables
-- kept their versions since the last evaluation keep its verdict instead of scanning again. A table's
-- version is the sum of its rows: one per feed partition written on its own (feed_part, '' for the rest).
CREATE TABLE IF NOT EXISTS ops.table_versions (
    table_name      VARCHAR NOT NULL,
    feed_part       VARCHAR NOT NULL DEFAULT '',
    version         BIGINT NOT NULL,
    changed_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (table_name, feed_part)
);
