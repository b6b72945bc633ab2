-- Warehouses built before staging.claim_mentions had subject_actor gain it (a no-op on newer ones).
ALTER TABLE staging.claim_mentions ADD COLUMN IF NOT EXISTS subject_actor VARCHAR;
