-- Warehouses built before facts.incidents had geo_precision gain it (a no-op on newer ones).
ALTER TABLE facts.incidents ADD COLUMN IF NOT EXISTS geo_precision VARCHAR;
