-- Warehouses built before reference.gazetteer had geonameid gain it (a no-op on newer ones).
ALTER TABLE reference.gazetteer ADD COLUMN IF NOT EXISTS geonameid BIGINT;
