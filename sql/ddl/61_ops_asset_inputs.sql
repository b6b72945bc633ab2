-- The fingerprint of the inputs each asset last built from, so a run with nothing new skips the work.
CREATE TABLE IF NOT EXISTS ops.asset_inputs (
    asset_key       VARCHAR PRIMARY KEY,
    fingerprint     VARCHAR NOT NULL,
    built_at        TIMESTAMP NOT NULL
);
