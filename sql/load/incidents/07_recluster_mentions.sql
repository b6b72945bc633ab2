-- The staged mentions to cluster again: every mention of a dirty island and every mention of a changed
-- article, in chunks of about $chunk_size mentions that never split an island (ordered by chunk).
CREATE OR REPLACE TEMP TABLE recluster_mentions AS
WITH chosen AS (
    SELECT m.*, coalesce('i' || d.block || chr(31) || d.island, 's' || m.article_id || chr(31) || m.incident_key) AS unit
    FROM staging.incident_mentions m
    LEFT JOIN dirty_islands d
      ON d.block = cluster_block(m.place_resolved, m.date_precision, m.event_date, m.country, m.admin1)
     AND reach_start(m.date_precision, m.event_date) BETWEEN d.island_start AND d.island_end
    WHERE d.block IS NOT NULL OR m.article_id IN (SELECT article_id FROM changed_articles)
), placed AS (
    SELECT unit, (sum(n) OVER (ORDER BY unit ROWS UNBOUNDED PRECEDING) - n) // $chunk_size AS chunk
    FROM (SELECT unit, count(*) AS n FROM chosen GROUP BY unit)
)
SELECT chosen.* EXCLUDE (unit), placed.chunk FROM chosen JOIN placed USING (unit)
ORDER BY chunk, article_id, incident_key
