-- Territorial-control shares as stated in article text, before they join the watchdog figures.
CREATE TABLE IF NOT EXISTS staging.control_statements (
    source          VARCHAR NOT NULL,     -- the watchdog the sentence cites, else the outlet
    report_published DATE,
    as_of           DATE,                 -- the date the text gives the figure, else the article's publication date
    measure         VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    parent_category VARCHAR,
    count           DOUBLE,
    unit            VARCHAR,
    share           DOUBLE,
    qualifier       VARCHAR NOT NULL,
    derivation      VARCHAR NOT NULL,
    origin          VARCHAR NOT NULL,
    source_file     VARCHAR,
    source_row      INTEGER,
    article_id      VARCHAR NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    evidence        VARCHAR NOT NULL,
    source_side     VARCHAR,              -- the assessor's side: watchdog, government, insurgent, foreign, local, media (the outlet's own)
    category_actor  VARCHAR,              -- for category 'state': the state whose forces hold it (reference.actors.actor)
    as_of_precision VARCHAR               -- day | month | quarter | year | published (the text gives no date: the article's)
);
