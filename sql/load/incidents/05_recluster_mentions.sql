-- The staged mentions to cluster again: every mention of a touched block and every mention of a changed
-- article, in chunks of about $chunk_size mentions that never split a block (ordered by chunk).
CREATE OR REPLACE TEMP TABLE recluster_mentions AS
WITH chosen AS (
    SELECT m.*, coalesce('b' || cluster_block(place_resolved, date_precision, event_date, country, admin1),
                         's' || article_id || chr(31) || incident_key) AS unit
    FROM staging.incident_mentions m
    WHERE cluster_block(place_resolved, date_precision, event_date, country, admin1) IN (SELECT block FROM touched_blocks)
       OR article_id IN (SELECT article_id FROM changed_articles)
), placed AS (
    SELECT unit, (sum(n) OVER (ORDER BY unit ROWS UNBOUNDED PRECEDING) - n) // $chunk_size AS chunk
    FROM (SELECT unit, count(*) AS n FROM chosen GROUP BY unit)
)
SELECT chosen.* EXCLUDE (unit), placed.chunk FROM chosen JOIN placed USING (unit)
ORDER BY chunk, article_id, incident_key
