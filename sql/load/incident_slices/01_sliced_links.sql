-- The links just made, each incident in one of $slices slices (ordered by slice, so a slice is read without a scan).
CREATE OR REPLACE TEMP TABLE sliced_links AS
SELECT incident_id, article_id, incident_key, hash(incident_id) % $slices AS slice FROM incoming_links ORDER BY slice
