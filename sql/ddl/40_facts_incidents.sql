-- Events, with casualty estimates reconciled from every claim about them.
CREATE TABLE IF NOT EXISTS facts.incidents (
    incident_id     VARCHAR PRIMARY KEY,
    event_date      DATE,
    date_precision  VARCHAR NOT NULL,
    country         VARCHAR,
    admin1          VARCHAR,
    admin2          VARCHAR,
    place           VARCHAR,
    place_resolved  BOOLEAN NOT NULL,
    target          VARCHAR,
    perpetrator     VARCHAR,
    killed_low      BIGINT,
    killed_best     BIGINT,
    killed_high     BIGINT,
    wounded_low     BIGINT,
    wounded_best    BIGINT,
    wounded_high    BIGINT,
    n_claims        INTEGER NOT NULL,
    n_articles      INTEGER NOT NULL,
    status          VARCHAR NOT NULL      -- confirmed | contested | claimed
);
