-- Warehouses built before reference.actors had country_code gain it (a no-op on newer ones).
ALTER TABLE reference.actors ADD COLUMN IF NOT EXISTS country_code VARCHAR;
