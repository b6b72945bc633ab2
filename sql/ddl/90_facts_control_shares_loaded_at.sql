-- Warehouses built before facts.control_shares had loaded_at gain it (a no-op on newer ones).
ALTER TABLE facts.control_shares ADD COLUMN IF NOT EXISTS loaded_at TIMESTAMP;
