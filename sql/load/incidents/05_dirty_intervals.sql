-- Where in a block and when the clustering may come out differently: the reach of each changed
-- article's mention as staged now, and, for the mention the facts hold, the week either side of its
-- incident's date (an incident's mentions lie within a day of its date, or in the week before it).
CREATE OR REPLACE TEMP TABLE dirty_intervals AS
SELECT block, reach_start, reach_end FROM (
    SELECT cluster_block(place_resolved, date_precision, event_date, country, admin1) AS block,
           reach_start(date_precision, event_date) AS reach_start, reach_end(date_precision, event_date) AS reach_end
    FROM staging.incident_mentions
    WHERE article_id IN (SELECT article_id FROM changed_articles)
    UNION ALL
    SELECT cluster_block(i.place_resolved, i.date_precision, i.event_date, i.country, i.admin1), i.event_date - 7, i.event_date + 7
    FROM facts.incidents i JOIN facts.incident_articles l USING (incident_id)
    WHERE l.article_id IN (SELECT article_id FROM changed_articles)
)
WHERE block IS NOT NULL
