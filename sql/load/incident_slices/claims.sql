-- The staged claims about one slice of the incidents just clustered ($slice of $slices, by incident): what the estimates need.
SELECT c.article_id, c.incident_key, c.kind, c.subject_side, c.value, c.claimant_side, c.confirmed
FROM staging.claim_mentions c JOIN incoming_links l USING (article_id, incident_key)
WHERE hash(l.incident_id) % $slices = $slice
