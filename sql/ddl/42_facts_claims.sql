-- Who claimed which number about what, with the exact evidence span in raw.articles.text.
CREATE TABLE IF NOT EXISTS facts.claims (
    claim_id        VARCHAR PRIMARY KEY, -- stable id: article, kind, subject, value, qualifier, claimant side, span
    article_id      VARCHAR NOT NULL,   -- raw.articles
    incident_id     VARCHAR NOT NULL,   -- facts.incidents
    kind            VARCHAR NOT NULL,   -- killed, wounded, killed_or_wounded, captured, missing, escaped, bodies, attackers, garrison
    subject_side    VARCHAR NOT NULL,   -- whose people the number counts
    value           BIGINT NOT NULL,    -- the number as stated
    value_low       BIGINT,             -- lower bound it stands for (NULL: open)
    value_high      BIGINT,             -- upper bound it stands for (NULL: open)
    qualifier       VARCHAR NOT NULL,   -- exact, at_least, more_than, about, under, up_to, range, hundreds, dozens, tens
    claimant        VARCHAR,            -- who makes the claim, as named
    claimant_side   VARCHAR NOT NULL,   -- the claimant's side
    claimant_actor  VARCHAR,            -- the actor the claimant names (reference.actors.actor: "Taliban", "Turkey"); NULL: none named
    subject_actor   VARCHAR,            -- the actor whose people the number counts ("Russia" for Russian soldiers); NULL: none named
    evidence        VARCHAR NOT NULL,   -- the sentence the claim rests on
    span_start      INTEGER NOT NULL,   -- offset of the evidence in raw.articles.text
    span_end        INTEGER NOT NULL,   -- end offset (exclusive)
    confirmed       BOOLEAN,            -- false when the text says it is unconfirmed; NULL when silent
    extractor_version VARCHAR NOT NULL, -- version of the rules that produced it
    loaded_at       TIMESTAMP           -- when a load last wrote the row: it changes only when the row does (NULL: loaded before the column existed)
);
