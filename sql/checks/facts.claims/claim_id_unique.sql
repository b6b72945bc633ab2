-- severity: blocking
-- Every claim has one non-null id.
SELECT claim_id, count(*) AS n FROM facts.claims GROUP BY claim_id HAVING claim_id IS NULL OR count(*) > 1
