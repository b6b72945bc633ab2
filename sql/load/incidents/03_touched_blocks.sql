-- Blocks a changed article's mentions enter (as staged now) or leave (as the facts hold them).
CREATE OR REPLACE TEMP TABLE touched_blocks AS
SELECT block FROM (
    SELECT cluster_block(place_resolved, date_precision, event_date, country, admin1) AS block
    FROM staging.incident_mentions
    WHERE article_id IN (SELECT article_id FROM changed_articles)
    UNION
    SELECT cluster_block(i.place_resolved, i.date_precision, i.event_date, i.country, i.admin1)
    FROM facts.incidents i JOIN facts.incident_articles l USING (incident_id)
    WHERE l.article_id IN (SELECT article_id FROM changed_articles)
)
WHERE block IS NOT NULL
