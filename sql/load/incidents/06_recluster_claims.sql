-- The staged claims about the mentions clustered again, with their mention's chunk (ordered by chunk).
CREATE OR REPLACE TEMP TABLE recluster_claims AS
SELECT c.claim_id, c.article_id, c.incident_key, c.kind, c.subject_side, c.value, c.claimant_side, c.confirmed, r.chunk
FROM staging.claim_mentions c JOIN recluster_mentions r USING (article_id, incident_key)
ORDER BY r.chunk
