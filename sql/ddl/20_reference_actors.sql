-- Who is who: aliases with the side they speak for and the side of the people they count.
CREATE TABLE IF NOT EXISTS reference.actors (
    alias           VARCHAR PRIMARY KEY,
    speaker_side    VARCHAR,
    subject_side    VARCHAR,
    actor           VARCHAR,    -- the canonical name of the actor the alias names ("tdf" -> TDF, "turkish" -> Turkey)
    country_code    VARCHAR,    -- for a state: its ISO 3166-1 code
    at_war_with     VARCHAR,    -- for a state: the codes of the states it is at war with, |-separated
    note            VARCHAR
);
