-- The newest load stamp handed out for each stamped column (schema.table.column), per feed partition
-- written on its own (feed_part, '' for the rest). Stamps then only grow even when the clock goes back
-- and the rows that held the newest stamp were deleted, so a check's watermark never hides rows written
-- later.
CREATE TABLE IF NOT EXISTS ops.load_stamps (
    stamp_column    VARCHAR NOT NULL,
    feed_part       VARCHAR NOT NULL DEFAULT '',
    newest          TIMESTAMP NOT NULL,
    PRIMARY KEY (stamp_column, feed_part)
);
