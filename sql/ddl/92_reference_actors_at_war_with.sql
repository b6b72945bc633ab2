-- Warehouses built before reference.actors had at_war_with gain it (a no-op on newer ones).
ALTER TABLE reference.actors ADD COLUMN IF NOT EXISTS at_war_with VARCHAR;
