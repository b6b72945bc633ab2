-- Warehouses built before staging.incident_mentions had country_code gain it (a no-op on newer ones).
ALTER TABLE staging.incident_mentions ADD COLUMN IF NOT EXISTS country_code VARCHAR;
