-- Warehouses built before staging.incident_mentions had admin1_code gain it (a no-op on newer ones).
ALTER TABLE staging.incident_mentions ADD COLUMN IF NOT EXISTS admin1_code VARCHAR;
