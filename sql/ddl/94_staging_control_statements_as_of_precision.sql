-- Warehouses built before staging.control_statements had as_of_precision gain it (a no-op on newer ones).
ALTER TABLE staging.control_statements ADD COLUMN IF NOT EXISTS as_of_precision VARCHAR;
