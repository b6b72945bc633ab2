-- Per incident, kind and the actor whose people were counted: the lowest and highest figure each named claimant gives,
-- as ACLED's actor1/actor2 and UCDP's side_a/side_b name them. Claims with no named actor on either end are left out.
CREATE OR REPLACE VIEW views.incident_actor_figures AS
SELECT incident_id, kind, subject_actor, subject_side, claimant_actor, claimant_side,
       min(value) AS low, max(value) AS high, count(*) AS claims
FROM facts.claims
WHERE subject_actor IS NOT NULL OR claimant_actor IS NOT NULL
GROUP BY ALL;
