-- Incidents where the belligerents' figures for the same losses differ by a factor of 2 or more.
CREATE OR REPLACE VIEW views.disputed_incidents AS
SELECT i.incident_id, i.event_date, i.admin1, i.admin2, i.target, f.kind, f.subject_side,
       f.government_low, f.government_high, f.insurgent_low, f.insurgent_high,
       greatest(f.insurgent_high / f.government_low, f.government_high / f.insurgent_low) AS spread
FROM views.incident_side_figures f
JOIN facts.incidents i USING (incident_id)
WHERE f.government_low > 0 AND f.insurgent_low > 0
  AND greatest(f.insurgent_high / f.government_low, f.government_high / f.insurgent_low) >= 2;
