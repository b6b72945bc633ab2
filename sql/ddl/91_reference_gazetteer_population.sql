-- Warehouses built before reference.gazetteer had population gain it (a no-op on newer ones).
ALTER TABLE reference.gazetteer ADD COLUMN IF NOT EXISTS population BIGINT;
