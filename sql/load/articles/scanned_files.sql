-- The article, unsupported and refused names the raw folder holds now, as the run's scan finds them (filled in chunks).
CREATE OR REPLACE TEMP TABLE scanned_files (
    source_file     VARCHAR,
    location        VARCHAR,
    kind            VARCHAR,
    size            BIGINT,
    modified_at     TIMESTAMP,
    problem         VARCHAR   -- why the scan refused the name (kind 'refused')
)
