-- Warehouses built before facts.incidents had loaded_at gain it (a no-op on newer ones).
ALTER TABLE facts.incidents ADD COLUMN IF NOT EXISTS loaded_at TIMESTAMP;
