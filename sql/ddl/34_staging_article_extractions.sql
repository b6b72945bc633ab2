-- Which articles have been read by which extractor and reference data: the incremental state of extraction.
CREATE TABLE IF NOT EXISTS staging.article_extractions (
    article_id      VARCHAR PRIMARY KEY,
    extraction_key  VARCHAR NOT NULL,     -- extractor version + hash of reference.actors and reference.gazetteer
    n_claims        INTEGER NOT NULL,
    extracted_at    TIMESTAMP NOT NULL
);
