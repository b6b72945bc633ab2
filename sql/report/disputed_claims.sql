-- The claims of the most disputed incidents (views.disputed_incidents, widest spread first, at most $incidents
-- incident-kind-side lines), beside the incident's reconciled low/best/high. Alike claims (same claimant, figure
-- and hedge) are one row with the number of reports, so a much-copied wire story is one dot.
WITH disputed AS (
    SELECT incident_id, kind, subject_side, max(spread) AS spread
    FROM views.disputed_incidents
    GROUP BY ALL
    ORDER BY spread DESC, incident_id, kind, subject_side
    LIMIT $incidents
)
SELECT d.incident_id, d.kind, d.subject_side, d.spread, i.event_date, i.country, i.admin1,
       i.admin2, i.place, i.target,
       CASE d.kind WHEN 'killed' THEN i.killed_low WHEN 'wounded' THEN i.wounded_low END AS low,
       CASE d.kind WHEN 'killed' THEN i.killed_best WHEN 'wounded' THEN i.wounded_best END AS best,
       CASE d.kind WHEN 'killed' THEN i.killed_high WHEN 'wounded' THEN i.wounded_high END AS high,
       c.claimant, c.claimant_side, c.value, c.value_low, c.value_high, c.qualifier,
       min(c.evidence) AS evidence, min(a.outlet) AS outlet, min(a.published) AS published,
       count(*) AS reports
FROM disputed d
JOIN facts.incidents i USING (incident_id)
JOIN facts.claims c
  ON c.incident_id = d.incident_id AND c.kind = d.kind AND c.subject_side = d.subject_side
LEFT JOIN raw.articles a ON a.article_id = c.article_id
GROUP BY ALL
ORDER BY d.spread DESC, d.incident_id, d.kind, d.subject_side, c.value, c.claimant;
