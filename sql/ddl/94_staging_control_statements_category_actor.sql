-- Warehouses built before staging.control_statements had category_actor gain it (a no-op on newer ones).
ALTER TABLE staging.control_statements ADD COLUMN IF NOT EXISTS category_actor VARCHAR;
