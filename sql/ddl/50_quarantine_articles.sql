-- Article inputs that did not load, and duplicates of loaded articles, with the reason.
CREATE TABLE IF NOT EXISTS quarantine.articles (
    source_file     VARCHAR NOT NULL,
    source_record   INTEGER,
    reason          VARCHAR NOT NULL,
    payload         VARCHAR,
    duplicate_of    VARCHAR,              -- article_id, for duplicate content
    quarantined_at  TIMESTAMP NOT NULL,
    run_id          VARCHAR
);
