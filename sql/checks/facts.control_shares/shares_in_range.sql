-- severity: blocking
-- Shares lie in 0..1.
SELECT control_share_id, source, as_of, measure, category, share FROM facts.control_shares WHERE share < 0 OR share > 1
