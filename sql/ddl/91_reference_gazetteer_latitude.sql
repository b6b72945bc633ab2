-- Warehouses built before reference.gazetteer had latitude gain it (a no-op on newer ones).
ALTER TABLE reference.gazetteer ADD COLUMN IF NOT EXISTS latitude DOUBLE;
