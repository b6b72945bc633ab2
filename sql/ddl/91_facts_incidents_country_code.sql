-- Warehouses built before facts.incidents had country_code gain it (a no-op on newer ones).
ALTER TABLE facts.incidents ADD COLUMN IF NOT EXISTS country_code VARCHAR;
