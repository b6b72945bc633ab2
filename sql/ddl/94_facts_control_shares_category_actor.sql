-- Warehouses built before facts.control_shares had category_actor gain it (a no-op on newer ones).
ALTER TABLE facts.control_shares ADD COLUMN IF NOT EXISTS category_actor VARCHAR;
