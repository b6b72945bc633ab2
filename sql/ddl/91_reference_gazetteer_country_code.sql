-- Warehouses built before reference.gazetteer had country_code gain it (a no-op on newer ones).
ALTER TABLE reference.gazetteer ADD COLUMN IF NOT EXISTS country_code VARCHAR;
