-- Articles the current extractor could not read (it raised, or its rows did not fit), with the reason; retried every run.
CREATE TABLE IF NOT EXISTS quarantine.extractions (
    article_id      VARCHAR NOT NULL,     -- raw.articles.article_id
    reason          VARCHAR NOT NULL,
    quarantined_at  TIMESTAMP NOT NULL,
    run_id          VARCHAR
);
