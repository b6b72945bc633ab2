-- Warehouses built before staging.incident_mentions had geo_precision gain it (a no-op on newer ones).
ALTER TABLE staging.incident_mentions ADD COLUMN IF NOT EXISTS geo_precision VARCHAR;
