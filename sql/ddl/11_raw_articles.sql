-- One row per distinct article (by content); the body exactly as ingested.
CREATE TABLE IF NOT EXISTS raw.articles (
    article_id      VARCHAR PRIMARY KEY,  -- art_ + first 16 hex of content_sha256
    source_file     VARCHAR NOT NULL,   -- path relative to the raw folder
    source_record   INTEGER,              -- line in a JSONL bundle
    url             VARCHAR,            -- from front matter, JSON or the HTML page
    title           VARCHAR,            -- headline
    outlet          VARCHAR,            -- publisher as given
    published       DATE,               -- publication date; NULL when unknown
    language        VARCHAR,            -- as given, e.g. en
    text            VARCHAR NOT NULL,   -- the body as ingested; offsets in claims point into it
    content_sha256  VARCHAR NOT NULL,   -- SHA-256 of text
    source_encoding VARCHAR NOT NULL,   -- how the file was decoded
    ingested_at     TIMESTAMP NOT NULL  -- when this run read it
);
