-- The newest load stamp handed out for each stamped column (schema.table.column). Stamps then only
-- grow even when the clock goes back and the rows that held the newest stamp were deleted, so a
-- check's watermark never hides rows written later.
CREATE TABLE IF NOT EXISTS ops.load_stamps (
    stamp_column    VARCHAR PRIMARY KEY,
    newest          TIMESTAMP NOT NULL
);
