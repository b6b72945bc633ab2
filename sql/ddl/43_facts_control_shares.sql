-- Who controls how much territory, from watchdog tables (origin = 'table') and article text ('article').
CREATE TABLE IF NOT EXISTS facts.control_shares (
    control_share_id VARCHAR PRIMARY KEY,
    source          VARCHAR NOT NULL,
    report_published DATE,
    as_of           DATE,
    measure         VARCHAR NOT NULL,     -- districts | population | area | territory
    category        VARCHAR NOT NULL,     -- government, contested, insurgent, their _control/_influence parts, unreported
    parent_category VARCHAR,              -- government / insurgent for the parts; NULL for top-level rows
    count           DOUBLE,
    unit            VARCHAR,
    share           DOUBLE,               -- 0..1
    qualifier       VARCHAR NOT NULL,     -- exact, about, under... as stated
    derivation      VARCHAR NOT NULL,     -- reported | share_from_count | rollup | remainder | stated
    origin          VARCHAR NOT NULL,     -- table | article
    source_file     VARCHAR,
    source_row      INTEGER,
    article_id      VARCHAR,
    span_start      INTEGER,
    span_end        INTEGER,
    evidence        VARCHAR,
    loaded_at       TIMESTAMP,          -- when a load last wrote the row: it changes only when the row does (NULL: loaded before the column existed)
    source_side     VARCHAR,              -- the assessor's side: watchdog, government, insurgent, foreign, local, media (the outlet's own)
    category_actor  VARCHAR,              -- for category 'state': the state whose forces hold it (reference.actors.actor)
    as_of_precision VARCHAR               -- day | month | quarter | year | published (the text gives no date: the article's)
);
