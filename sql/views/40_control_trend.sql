-- Control over time per source and measure: one row per report date with the top-level shares side by side.
CREATE OR REPLACE VIEW views.control_trend AS
SELECT source, measure, as_of, report_published,
       max(share) FILTER (category = 'government') AS government,
       max(share) FILTER (category = 'contested') AS contested,
       max(share) FILTER (category = 'insurgent') AS insurgent,
       max(share) FILTER (category = 'unreported') AS unreported,
       string_agg(DISTINCT derivation, ', ' ORDER BY derivation) AS derivations
FROM facts.control_shares
WHERE origin = 'table' AND parent_category IS NULL
GROUP BY ALL
ORDER BY source, measure, as_of;
