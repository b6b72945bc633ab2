-- Every row of every watchdog table, as read (cells as strings in a JSON object).
CREATE TABLE IF NOT EXISTS raw.watchdog_rows (
    source_file     VARCHAR NOT NULL,   -- path relative to the raw folder
    sheet           VARCHAR,            -- XLSX sheet; NULL for CSV
    source_row      INTEGER NOT NULL,     -- 1-based line in the sheet; the header is line 1
    layout          VARCHAR NOT NULL,     -- long | wide
    payload         JSON NOT NULL,
    ingested_at     TIMESTAMP NOT NULL  -- when this run read it
);
