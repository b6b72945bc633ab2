-- For each incident, every competing claim side by side, with who made it and the words it rests on.
SELECT incident_id, kind, subject_side, value, qualifier, claimant_side, claimant, confirmed, outlet, evidence
FROM views.incident_claims
ORDER BY incident_id, kind, subject_side, value;
