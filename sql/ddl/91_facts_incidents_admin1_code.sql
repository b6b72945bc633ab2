-- Warehouses built before facts.incidents had admin1_code gain it (a no-op on newer ones).
ALTER TABLE facts.incidents ADD COLUMN IF NOT EXISTS admin1_code VARCHAR;
