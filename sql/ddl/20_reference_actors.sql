-- Who is who: aliases with the side they speak for and the side of the people they count.
CREATE TABLE IF NOT EXISTS reference.actors (
    alias           VARCHAR PRIMARY KEY,
    speaker_side    VARCHAR,
    subject_side    VARCHAR,
    note            VARCHAR
);
