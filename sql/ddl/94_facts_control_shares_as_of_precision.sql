-- Warehouses built before facts.control_shares had as_of_precision gain it (a no-op on newer ones).
ALTER TABLE facts.control_shares ADD COLUMN IF NOT EXISTS as_of_precision VARCHAR;
