-- Which articles have been read by which extractor and reference data: the incremental state of extraction, and
-- what the extractor made of each article before reading its claims.
CREATE TABLE IF NOT EXISTS staging.article_extractions (
    article_id      VARCHAR PRIMARY KEY,
    extraction_key  VARCHAR NOT NULL,     -- extractor version + hash of the reference tables it read
    n_claims        INTEGER NOT NULL,
    extracted_at    TIMESTAMP NOT NULL,
    language        VARCHAR,              -- raw.articles.language as read: only English (en) is extracted
    relevance       VARCHAR,              -- conflict_event | conflict_context | not_conflict | other_language
    relevance_evidence VARCHAR            -- the cues found (pipelines/extract/relevance.py); why it is what it is
);
