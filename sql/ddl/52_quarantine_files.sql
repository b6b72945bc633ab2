-- Files under the raw folder that no reader handles.
CREATE TABLE IF NOT EXISTS quarantine.files (
    source_file     VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    quarantined_at  TIMESTAMP NOT NULL,
    run_id          VARCHAR
);
