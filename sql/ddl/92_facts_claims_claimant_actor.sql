-- Warehouses built before facts.claims had claimant_actor gain it (a no-op on newer ones).
ALTER TABLE facts.claims ADD COLUMN IF NOT EXISTS claimant_actor VARCHAR;
