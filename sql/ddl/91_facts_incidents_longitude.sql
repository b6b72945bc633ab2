-- Warehouses built before facts.incidents had longitude gain it (a no-op on newer ones).
ALTER TABLE facts.incidents ADD COLUMN IF NOT EXISTS longitude DOUBLE;
