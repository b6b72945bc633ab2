-- Islands: in a block, the stretches of time over which the reaches of its staged mentions (and the
-- dirty intervals) overlap one another. Mentions of two islands can never join one incident nor sway
-- each other's clustering, so only the islands that hold a dirty interval are clustered again.
-- Reaches are first merged per start day, so the windows below order rows without ties.
-- Clustering before the first dirty day comes out as before, so an island is clustered again from 8
-- days before it (a week mention up to six days before may now fit another event of its week), seeded
-- with the clusters the facts hold from the day before (window_start NULL: from the island's start),
-- until a day from settled_from on opens the clusters it opened before (see `recluster`).
CREATE OR REPLACE TEMP TABLE dirty_islands AS
WITH reaches AS (
    SELECT cluster_block(place_resolved, date_precision, event_date, country, admin1) AS block,
           reach_start(date_precision, event_date) AS reach_start, reach_end(date_precision, event_date) AS reach_end, false AS dirty
    FROM staging.incident_mentions
    WHERE cluster_block(place_resolved, date_precision, event_date, country, admin1) IN (SELECT block FROM dirty_intervals)
    UNION ALL
    SELECT block, reach_start, reach_end, true FROM dirty_intervals
), by_start AS (
    SELECT block, reach_start, max(reach_end) AS reach_end, bool_or(dirty) AS dirty, max(reach_end) FILTER (WHERE dirty) AS dirty_end
    FROM reaches GROUP BY block, reach_start
), opened AS (
    SELECT *, coalesce(reach_start > max(reach_end) OVER (PARTITION BY block ORDER BY reach_start
                                                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), true)::INTEGER AS opens
    FROM by_start
), numbered AS (
    SELECT *, sum(opens) OVER (PARTITION BY block ORDER BY reach_start ROWS UNBOUNDED PRECEDING) AS island FROM opened
)
SELECT block, island, min(reach_start) AS island_start, max(reach_end) AS island_end,
       CASE WHEN min(reach_start) FILTER (WHERE dirty) - 8 > min(reach_start) THEN min(reach_start) FILTER (WHERE dirty) - 8 END AS window_start,
       max(dirty_end) AS settled_from
FROM numbered GROUP BY block, island HAVING bool_or(dirty)
