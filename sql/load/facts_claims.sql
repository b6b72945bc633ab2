-- facts.claims as they should be for the mentions whose link moved (or whose article changed): their staged claims, each with
-- the incident its mention joined.
SELECT m.claim_id, m.article_id, l.incident_id, m.kind, m.subject_side, m.value, m.value_low, m.value_high, m.qualifier,
       m.claimant, m.claimant_side, m.claimant_actor, m.subject_actor, m.evidence, m.span_start, m.span_end, m.confirmed, m.extractor_version
FROM staging.claim_mentions m
JOIN moved_links l USING (article_id, incident_key)
