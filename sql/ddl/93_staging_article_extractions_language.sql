-- Warehouses built before staging.article_extractions had language gain it (a no-op on newer ones).
ALTER TABLE staging.article_extractions ADD COLUMN IF NOT EXISTS language VARCHAR;
