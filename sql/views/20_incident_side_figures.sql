-- Per incident, kind and subject: the lowest and highest figure each belligerent side claims, the independent
-- sources' highest, and the ratio of the insurgent side's highest to the government side's lowest figure.
CREATE OR REPLACE VIEW views.incident_side_figures AS
WITH per_side AS (
    SELECT incident_id, kind, subject_side,
           min(value) FILTER (claimant_side = 'government') AS government_low,
           max(value) FILTER (claimant_side = 'government') AS government_high,
           min(value) FILTER (claimant_side = 'insurgent') AS insurgent_low,
           max(value) FILTER (claimant_side = 'insurgent') AS insurgent_high,
           max(value) FILTER (claimant_side NOT IN ('government', 'insurgent')) AS independent_high
    FROM facts.claims
    GROUP BY ALL
)
SELECT *, round(insurgent_high / nullif(government_low, 0), 2) AS insurgent_to_government_ratio
FROM per_side;
