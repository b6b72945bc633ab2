-- Articles whose stated shares facts.control_shares may not hold as staged: extracted after its last load took
-- extractions in, or gone from staging while the facts still hold their shares. $everything: every article.
CREATE OR REPLACE TEMP TABLE changed_share_articles AS
SELECT article_id FROM staging.article_extractions
WHERE $everything OR extracted_at > coalesce(
    (SELECT extracted_until FROM ops.extraction_watermarks WHERE fact_table = 'facts.control_shares'), '-infinity'::TIMESTAMP)
UNION
SELECT article_id FROM facts.control_shares
WHERE origin = 'article' AND article_id NOT IN (SELECT article_id FROM staging.article_extractions)
