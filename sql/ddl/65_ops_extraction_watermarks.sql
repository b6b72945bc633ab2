-- The newest extraction (staging.article_extractions.extracted_at) each fact load has taken in. Extraction
-- stamps only grow, so the articles extracted after it are the ones that load has not seen as they are now.
CREATE TABLE IF NOT EXISTS ops.extraction_watermarks (
    fact_table      VARCHAR PRIMARY KEY,
    extracted_until TIMESTAMP             -- NULL: taken in when no article was staged
);
