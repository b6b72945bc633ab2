-- Every incident with each competing claim beside it: who said what, how hedged, from which article.
CREATE OR REPLACE VIEW views.incident_claims AS
SELECT i.incident_id, i.event_date, i.date_precision, i.country, i.admin1, g.pcode AS admin1_pcode, i.admin2,
       i.target, i.perpetrator, i.status,
       c.kind, c.subject_side, c.subject_actor, c.value, c.qualifier, c.claimant_side, c.claimant,
       c.claimant_actor, c.confirmed,
       a.outlet, a.published, c.evidence, c.claim_id, c.article_id
FROM facts.incidents i
JOIN facts.claims c USING (incident_id)
JOIN raw.articles a USING (article_id)
LEFT JOIN reference.gazetteer g ON g.level = 1 AND g.name = i.admin1 AND g.country = i.country;
