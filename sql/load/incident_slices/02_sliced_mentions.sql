-- The staged mentions of the incidents just linked, with their incident's slice (ordered by slice).
CREATE OR REPLACE TEMP TABLE sliced_mentions AS
SELECT m.* EXCLUDE (chunk, unit, window_start, settled_from, old_incident, old_size), l.slice
FROM recluster_mentions m JOIN sliced_links l USING (article_id, incident_key) ORDER BY l.slice
