-- Warehouses built before reference.gazetteer had longitude gain it (a no-op on newer ones).
ALTER TABLE reference.gazetteer ADD COLUMN IF NOT EXISTS longitude DOUBLE;
