-- Place names with their common spellings: level 0 country, 1 province/region, 2 district, 3 city.
CREATE TABLE IF NOT EXISTS reference.gazetteer (
    country         VARCHAR NOT NULL,
    level           INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    admin1          VARCHAR,              -- the province a district or city lies in
    aliases         VARCHAR,              -- other spellings, separated by |
    pcode           VARCHAR               -- humanitarian P-code (OCHA/AGCHO) where known, e.g. AF27 Kandahar
);
