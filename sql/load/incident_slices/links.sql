-- The links of one slice of the incidents just clustered ($slice of $slices, by incident).
SELECT incident_id, article_id, incident_key FROM incoming_links WHERE hash(incident_id) % $slices = $slice
