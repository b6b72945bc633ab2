-- Warehouses built before facts.claims had loaded_at gain it (a no-op on newer ones).
ALTER TABLE facts.claims ADD COLUMN IF NOT EXISTS loaded_at TIMESTAMP;
