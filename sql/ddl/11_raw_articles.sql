-- One row per distinct article (by content); the body exactly as ingested.
CREATE TABLE IF NOT EXISTS raw.articles (
    article_id      VARCHAR PRIMARY KEY,  -- art_ + first 16 hex of content_sha256
    source_file     VARCHAR NOT NULL,   -- path relative to the raw folder
    source_record   INTEGER,              -- line in a JSONL bundle
    url             VARCHAR,            -- from front matter, JSON or the HTML page
    title           VARCHAR,            -- headline
    outlet          VARCHAR,            -- publisher as given
    published       DATE,               -- publication date; NULL when unknown
    language        VARCHAR,            -- ISO 639 code, e.g. en; und: undetermined (raw/readers/language.py)
    text            VARCHAR NOT NULL,   -- the body as ingested; offsets in claims point into it
    content_sha256  VARCHAR NOT NULL,   -- SHA-256 of text
    source_encoding VARCHAR NOT NULL,   -- how the file was decoded
    ingested_at     TIMESTAMP NOT NULL, -- when this run read it
    language_source VARCHAR             -- given (front matter, JSON, the page's lang) | detected (py3langid); NULL: read before detection
);
