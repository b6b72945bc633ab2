-- Warehouses built before raw.files had reason gain it (a no-op on newer ones).
ALTER TABLE raw.files ADD COLUMN IF NOT EXISTS reason VARCHAR;
