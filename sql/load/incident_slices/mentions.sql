-- The staged mentions of one slice of the incidents just clustered ($slice of $slices, by incident).
SELECT m.* EXCLUDE (chunk) FROM recluster_mentions m JOIN incoming_links l USING (article_id, incident_key)
WHERE hash(l.incident_id) % $slices = $slice
