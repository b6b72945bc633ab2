-- What the estimates need of the staged claims about the incidents just clustered, with their incident's slice (ordered by slice).
CREATE OR REPLACE TEMP TABLE sliced_claims AS
SELECT c.article_id, c.incident_key, c.kind, c.subject_side, c.value, c.claimant_side, c.confirmed, l.slice
FROM staging.claim_mentions c JOIN sliced_links l USING (article_id, incident_key) ORDER BY l.slice
