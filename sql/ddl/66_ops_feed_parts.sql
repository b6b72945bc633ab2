-- The feed partitions (pipelines/feed_parts.py): a row each, registered before any writer of it starts.
-- Every writer of a partition updates its row in its transaction, so two writers of one partition
-- cannot both commit to a lake.
CREATE TABLE IF NOT EXISTS ops.feed_parts (
    feed_part       VARCHAR PRIMARY KEY,  -- a top-level folder of the raw folder, or '.'
    registered_at   TIMESTAMP NOT NULL,
    written_at      TIMESTAMP,            -- when a writer of it last committed
    last_run_id     VARCHAR               -- the Dagster run of that writer
);
