-- Warehouses built before facts.incidents had latitude gain it (a no-op on newer ones).
ALTER TABLE facts.incidents ADD COLUMN IF NOT EXISTS latitude DOUBLE;
