-- The words that tell an armed conflict from other news: each term with the cue it gives (pipelines/extract/relevance.py).
CREATE TABLE IF NOT EXISTS reference.conflict_terms (
    term            VARCHAR PRIMARY KEY,  -- matched as written or with -s, -es, -ed, -d, -ing, case folded
    cue             VARCHAR NOT NULL,     -- armed_actor | armed_violence | violence | casualty | conflict_context | other_harm
    note            VARCHAR
);
