-- Watchdog figures from both table layouts in one long form, before derivations.
CREATE TABLE IF NOT EXISTS staging.watchdog_figures (
    source          VARCHAR NOT NULL,
    report_published DATE,
    as_of           DATE NOT NULL,
    measure         VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,     -- includes 'total' rows of printed tables
    count           DOUBLE,
    share           DOUBLE,
    note            VARCHAR,
    source_file     VARCHAR NOT NULL,
    source_row      INTEGER NOT NULL
);
