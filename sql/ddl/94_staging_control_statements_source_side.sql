-- Warehouses built before staging.control_statements had source_side gain it (a no-op on newer ones).
ALTER TABLE staging.control_statements ADD COLUMN IF NOT EXISTS source_side VARCHAR;
