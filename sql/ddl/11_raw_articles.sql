-- One row per distinct article (by content); the body exactly as ingested.
CREATE TABLE IF NOT EXISTS raw.articles (
    article_id      VARCHAR PRIMARY KEY,  -- art_ + first 16 hex of content_sha256
    source_file     VARCHAR NOT NULL,
    source_record   INTEGER,              -- line in a JSONL bundle
    url             VARCHAR,
    title           VARCHAR,
    outlet          VARCHAR,
    published       DATE,
    language        VARCHAR,
    text            VARCHAR NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    source_encoding VARCHAR NOT NULL,
    ingested_at     TIMESTAMP NOT NULL
);
