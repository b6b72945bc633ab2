-- Warehouses built before raw.articles had language_source gain it (a no-op on newer ones).
ALTER TABLE raw.articles ADD COLUMN IF NOT EXISTS language_source VARCHAR;
