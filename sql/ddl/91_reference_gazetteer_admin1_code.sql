-- Warehouses built before reference.gazetteer had admin1_code gain it (a no-op on newer ones).
ALTER TABLE reference.gazetteer ADD COLUMN IF NOT EXISTS admin1_code VARCHAR;
