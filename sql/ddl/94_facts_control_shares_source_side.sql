-- Warehouses built before facts.control_shares had source_side gain it (a no-op on newer ones).
ALTER TABLE facts.control_shares ADD COLUMN IF NOT EXISTS source_side VARCHAR;
