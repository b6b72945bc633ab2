-- Which articles report which incident.
CREATE TABLE IF NOT EXISTS facts.incident_articles (
    incident_id     VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,
    incident_key    VARCHAR NOT NULL,
    PRIMARY KEY (incident_id, article_id, incident_key)
);
