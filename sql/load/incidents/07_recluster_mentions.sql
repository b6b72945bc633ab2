-- The staged mentions to cluster again: those of each dirty island from 8 days before its window on
-- (the days before are read for the clusters that seed it), and every mention of a changed article;
-- each with the incident the facts link it to (none for a changed article's mention) and that
-- incident's size, and the lowest and highest number of dead it claims (figures that must agree
-- for a mention without a district to join one with). In chunks of about $chunk_size mentions
-- that never split a unit (an island, or a mention outside any), ordered by chunk.
CREATE OR REPLACE TEMP TABLE recluster_mentions AS
WITH figures AS (
    SELECT article_id, incident_key, min(coalesce(value_low, value)) AS killed_low,
           max(coalesce(value_high, value)) AS killed_high
    FROM staging.claim_mentions WHERE kind = 'killed' GROUP BY ALL
), chosen AS (
    SELECT m.*, coalesce('i' || d.block || chr(31) || d.island, 's' || m.article_id || chr(31) || m.incident_key) AS unit,
           d.window_start, d.settled_from
    FROM staging.incident_mentions m
    LEFT JOIN dirty_islands d
      ON d.block = cluster_block(m.place_resolved, m.date_precision, m.event_date, m.country, m.admin1)
     AND reach_start(m.date_precision, m.event_date) BETWEEN d.island_start AND d.island_end
     AND (d.window_start IS NULL OR m.event_date >= d.window_start - 8)
    WHERE d.block IS NOT NULL OR m.article_id IN (SELECT article_id FROM changed_articles)
), linked AS (
    SELECT c.*, CASE WHEN c.article_id NOT IN (SELECT article_id FROM changed_articles) THEN l.incident_id END AS old_incident
    FROM chosen c LEFT JOIN facts.incident_articles l USING (article_id, incident_key)
), sized AS (
    SELECT incident_id AS old_incident, count(*) AS old_size
    FROM facts.incident_articles WHERE incident_id IN (SELECT old_incident FROM linked)
    GROUP BY incident_id
), placed AS (
    SELECT unit, (sum(n) OVER (ORDER BY unit ROWS UNBOUNDED PRECEDING) - n) // $chunk_size AS chunk
    FROM (SELECT unit, count(*) AS n FROM linked GROUP BY unit)
)
SELECT linked.*, sized.old_size, figures.killed_low, figures.killed_high, placed.chunk
FROM linked LEFT JOIN sized USING (old_incident) JOIN placed USING (unit)
LEFT JOIN figures USING (article_id, incident_key)
ORDER BY chunk, unit, event_date, article_id, incident_key
