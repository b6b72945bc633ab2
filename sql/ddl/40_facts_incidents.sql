-- Events, with casualty estimates reconciled from every claim about them.
CREATE TABLE IF NOT EXISTS facts.incidents (
    incident_id     VARCHAR PRIMARY KEY, -- stable id from the first article mentioning it
    event_date      DATE,               -- day, or first day of the month/year
    date_precision  VARCHAR NOT NULL,   -- day | week | month | year | unknown
    country         VARCHAR,            -- from the gazetteer
    admin1          VARCHAR,            -- province or region
    admin2          VARCHAR,            -- district
    place           VARCHAR,            -- city or other place below admin1
    place_resolved  BOOLEAN NOT NULL,   -- false when no gazetteer name was found
    country_code    VARCHAR,            -- ISO 3166-1 alpha-2
    admin1_code     VARCHAR,            -- ISO 3166-2, where the subdivision has one
    latitude        DOUBLE,             -- the town's position; for a subdivision or a country, the mean of its towns'
    longitude       DOUBLE,
    geo_precision   VARCHAR,            -- town | admin2 | admin1 | country: what latitude/longitude stand for
    target          VARCHAR,            -- army base, checkpoint, outpost...
    perpetrator     VARCHAR,            -- from claims of responsibility and attack verbs
    killed_low      BIGINT,             -- lowest figure claimed
    killed_best     BIGINT,             -- independent sources' median, else median of all
    killed_high     BIGINT,             -- highest figure claimed
    wounded_low     BIGINT,             -- as killed_low
    wounded_best    BIGINT,             -- as killed_best
    wounded_high    BIGINT,             -- as killed_high
    n_claims        INTEGER NOT NULL,   -- claims linked to it
    n_articles      INTEGER NOT NULL,   -- articles reporting it
    status          VARCHAR NOT NULL,     -- confirmed | contested | claimed
    loaded_at       TIMESTAMP           -- when a load last wrote the row: it changes only when the row does (NULL: loaded before the column existed)
);
