-- Incidents as described by one article (its main event and the earlier events it mentions).
CREATE TABLE IF NOT EXISTS staging.incident_mentions (
    article_id      VARCHAR NOT NULL,
    incident_key    VARCHAR NOT NULL,
    event_date      DATE,
    date_precision  VARCHAR NOT NULL,     -- day | week | month | year | unknown
    country         VARCHAR,
    admin1          VARCHAR,
    admin2          VARCHAR,
    place           VARCHAR,
    place_resolved  BOOLEAN NOT NULL,
    country_code    VARCHAR,              -- ISO 3166-1 alpha-2
    admin1_code     VARCHAR,              -- ISO 3166-2, where the subdivision has one
    latitude        DOUBLE,
    longitude       DOUBLE,
    geo_precision   VARCHAR,              -- town | admin2 | admin1 | country (as UCDP's where_prec)
    target          VARCHAR,
    perpetrator     VARCHAR,
    PRIMARY KEY (article_id, incident_key)
);
