-- Place names with their spellings (reference/world.py, reference/hand_layer.py): level 0 country, 1 first-level
-- subdivision, 2 district (hand layer), 3 town.
CREATE TABLE IF NOT EXISTS reference.gazetteer (
    country         VARCHAR NOT NULL,     -- the country's English name
    level           INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    admin1          VARCHAR,              -- the subdivision a district or town lies in (a subdivision's own name)
    aliases         VARCHAR,              -- other spellings, separated by |
    pcode           VARCHAR,              -- humanitarian P-code (OCHA/AGCHO) where known, e.g. AF27 Kandahar
    country_code    VARCHAR,              -- ISO 3166-1 alpha-2
    admin1_code     VARCHAR,              -- ISO 3166-2 code of admin1, where it has one
    geonameid       BIGINT,               -- GeoNames id of a town
    latitude        DOUBLE,               -- a town's position
    longitude       DOUBLE,
    population      BIGINT                -- a town's population, as GeoNames gives it
);
