-- Warehouses built before facts.claims had subject_actor gain it (a no-op on newer ones).
ALTER TABLE facts.claims ADD COLUMN IF NOT EXISTS subject_actor VARCHAR;
