-- The latest result of every data-quality check, for SQL users.
CREATE TABLE IF NOT EXISTS ops.check_results (
    asset_key       VARCHAR NOT NULL,
    check_name      VARCHAR NOT NULL,
    passed          BOOLEAN NOT NULL,
    severity        VARCHAR NOT NULL,     -- ERROR (blocking) | WARN
    description     VARCHAR,
    metadata        JSON,
    run_id          VARCHAR,
    checked_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (asset_key, check_name)
);
