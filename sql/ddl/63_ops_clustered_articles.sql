-- Which extraction of each article the incident facts hold, and under which clustering rules: a run
-- re-clusters only the places and articles whose row here no longer matches staging.article_extractions.
CREATE TABLE IF NOT EXISTS ops.clustered_articles (
    article_id      VARCHAR PRIMARY KEY,
    extracted_at    TIMESTAMP NOT NULL,   -- staging.article_extractions.extracted_at when it was clustered
    rules_version   VARCHAR NOT NULL      -- pipelines.incidents.CLUSTERING_VERSION
);
