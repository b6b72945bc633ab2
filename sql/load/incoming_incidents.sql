-- One row per incident just linked, reconciled in DuckDB (under its memory cap) from the incident's own mentions and
-- claims, so an incident of any size costs no Python memory.
-- Description: the most precisely dated mention's (then the first by article and key); the perpetrator, the first
-- mention in that order that names one. Per side of the dead or wounded: low = the lowest figure claimed (ACLED's
-- conservative choice), high = the highest, best = the lower median of the independent claimants' figures (watchdog,
-- local, media, unattributed) when there are any, otherwise of all figures, which lies between the belligerents'
-- claims; the sides' figures are then added up. Status: confirmed when a claim is confirmed; contested when
-- claimants give different figures for the same kind and subject side; otherwise claimed.
INSERT INTO incoming_incidents BY NAME
WITH mentions AS NOT MATERIALIZED (  -- read twice, not held: a materialized CTE's rows stay pinned in memory
    SELECT l.incident_id, m.*,
           (CASE m.date_precision WHEN 'day' THEN 0 WHEN 'week' THEN 1 WHEN 'month' THEN 2 WHEN 'year' THEN 3 ELSE 4 END,
            m.article_id, m.incident_key) AS precedence
    FROM incoming_links l JOIN recluster_mentions m USING (article_id, incident_key)
), described AS (
    SELECT incident_id,
           arg_min({'event_date': event_date, 'date_precision': date_precision, 'country': country, 'admin1': admin1,
                    'admin2': admin2, 'place': place, 'place_resolved': place_resolved, 'country_code': country_code,
                    'admin1_code': admin1_code, 'latitude': latitude, 'longitude': longitude, 'geo_precision': geo_precision,
                    'target': target}, precedence) AS head_mention,
           arg_min(perpetrator, precedence) FILTER (WHERE perpetrator IS NOT NULL) AS perpetrator,
           count(DISTINCT article_id) AS n_articles
    FROM mentions GROUP BY incident_id
), claims AS NOT MATERIALIZED (
    SELECT l.incident_id, c.kind, c.subject_side, c.value, c.claimant_side, c.confirmed
    FROM incoming_links l JOIN staging.claim_mentions c USING (article_id, incident_key)
), sides AS (
    SELECT incident_id, kind, min(value) AS low, max(value) AS high,
           coalesce(quantile_disc(value, 0.5) FILTER (WHERE claimant_side IN ('watchdog', 'local', 'media', 'unattributed')),
                    quantile_disc(value, 0.5)) AS best  -- quantile_disc at 0.5 is the lower median
    FROM claims WHERE kind IN ('killed', 'wounded') GROUP BY incident_id, kind, subject_side
), estimated AS (
    SELECT incident_id,
           sum(low) FILTER (WHERE kind = 'killed') AS killed_low, sum(best) FILTER (WHERE kind = 'killed') AS killed_best,
           sum(high) FILTER (WHERE kind = 'killed') AS killed_high, sum(low) FILTER (WHERE kind = 'wounded') AS wounded_low,
           sum(best) FILTER (WHERE kind = 'wounded') AS wounded_best, sum(high) FILTER (WHERE kind = 'wounded') AS wounded_high
    FROM sides GROUP BY incident_id
), tallied AS (
    SELECT incident_id, count(*) AS n_claims, bool_or(coalesce(confirmed, false)) AS confirmed
    FROM claims GROUP BY incident_id
), contested AS (
    SELECT incident_id, max(figures) > 1 AS contested
    FROM (SELECT incident_id, count(DISTINCT value) AS figures FROM claims GROUP BY incident_id, kind, subject_side)
    GROUP BY incident_id
)
SELECT d.incident_id, unnest(d.head_mention), d.perpetrator,
       e.killed_low, e.killed_best, e.killed_high, e.wounded_low, e.wounded_best, e.wounded_high,
       coalesce(t.n_claims, 0) AS n_claims, d.n_articles,
       CASE WHEN t.confirmed THEN 'confirmed' WHEN c.contested THEN 'contested' ELSE 'claimed' END AS status
FROM described d
LEFT JOIN estimated e USING (incident_id)
LEFT JOIN tallied t USING (incident_id)
LEFT JOIN contested c USING (incident_id)
