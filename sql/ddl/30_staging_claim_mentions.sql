-- Claims as extracted from one article, before they are tied to incidents.
CREATE TABLE IF NOT EXISTS staging.claim_mentions (
    claim_id        VARCHAR NOT NULL,     -- stable: article, kind, subject, value, qualifier, claimant side, span
    article_id      VARCHAR NOT NULL,
    claim_index     INTEGER NOT NULL,
    incident_key    VARCHAR NOT NULL,     -- main | background:<time phrase>, local to the article
    kind            VARCHAR NOT NULL,
    subject_side    VARCHAR NOT NULL,
    value           BIGINT NOT NULL,
    value_low       BIGINT,
    value_high      BIGINT,
    qualifier       VARCHAR NOT NULL,
    claimant        VARCHAR,
    claimant_side   VARCHAR NOT NULL,
    claimant_actor  VARCHAR,
    subject_actor   VARCHAR,
    evidence        VARCHAR NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    confirmed       BOOLEAN,
    mentions        INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, claim_index)
);
