-- Who claimed which number about what, with the exact evidence span in raw.articles.text.
CREATE TABLE IF NOT EXISTS facts.claims (
    claim_id        VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    incident_id     VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    subject_side    VARCHAR NOT NULL,
    value           BIGINT NOT NULL,
    value_low       BIGINT,
    value_high      BIGINT,
    qualifier       VARCHAR NOT NULL,
    claimant        VARCHAR,
    claimant_side   VARCHAR NOT NULL,
    evidence        VARCHAR NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    confirmed       BOOLEAN,
    extractor_version VARCHAR NOT NULL
);
