-- Warehouses built before staging.article_extractions had relevance gain it (a no-op on newer ones).
ALTER TABLE staging.article_extractions ADD COLUMN IF NOT EXISTS relevance VARCHAR;
