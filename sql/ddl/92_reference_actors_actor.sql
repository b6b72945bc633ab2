-- Warehouses built before reference.actors had actor gain it (a no-op on newer ones).
ALTER TABLE reference.actors ADD COLUMN IF NOT EXISTS actor VARCHAR;
