-- One row per input file seen under the raw folder, and what became of it.
CREATE TABLE IF NOT EXISTS raw.files (
    source_file     VARCHAR PRIMARY KEY,  -- path relative to the raw folder
    input_kind      VARCHAR NOT NULL,     -- article | watchdog | sidecar | unsupported | refused
    bytes           BIGINT NOT NULL,    -- file size
    file_sha256     VARCHAR NOT NULL,   -- SHA-256 of the file
    status          VARCHAR NOT NULL,     -- loaded | partial | quarantined | duplicate | metadata | refused
    n_records       INTEGER NOT NULL,     -- articles or table rows loaded from it
    n_quarantined   INTEGER NOT NULL,   -- records quarantined or duplicate
    modified_at     TIMESTAMP NOT NULL,   -- the file's modification time
    seen_at         TIMESTAMP NOT NULL,  -- when a run last read it
    reason          VARCHAR             -- why it was quarantined or refused as a whole (NULL when read)
);
