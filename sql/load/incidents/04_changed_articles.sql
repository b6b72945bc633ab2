-- Articles whose mentions the incident facts do not hold as staged: extracted since they were clustered
-- (or under other rules), or gone from staging while facts or the record still hold them. $everything: all.
CREATE OR REPLACE TEMP TABLE changed_articles AS
SELECT article_id FROM staging.article_extractions e
WHERE $everything OR NOT EXISTS (
    SELECT 1 FROM ops.clustered_articles c
    WHERE c.article_id = e.article_id AND c.extracted_at = e.extracted_at AND c.rules_version = $rules_version)
UNION
SELECT article_id FROM ops.clustered_articles WHERE article_id NOT IN (SELECT article_id FROM staging.article_extractions)
UNION
SELECT article_id FROM facts.incident_articles WHERE article_id NOT IN (SELECT article_id FROM staging.article_extractions)
