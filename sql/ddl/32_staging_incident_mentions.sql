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
    target          VARCHAR,
    perpetrator     VARCHAR,
    PRIMARY KEY (article_id, incident_key)
);
