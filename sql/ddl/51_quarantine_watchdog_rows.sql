-- Watchdog files or rows that did not load, with the reason.
CREATE TABLE IF NOT EXISTS quarantine.watchdog_rows (
    source_file     VARCHAR NOT NULL,
    source_row      INTEGER,              -- NULL when the whole file was rejected
    reason          VARCHAR NOT NULL,
    payload         VARCHAR,
    quarantined_at  TIMESTAMP NOT NULL,
    run_id          VARCHAR
);
