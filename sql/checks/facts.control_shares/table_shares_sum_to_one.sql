-- severity: blocking
-- The top-level categories of one (source, as_of, measure) from tables add up to 1 within rounding.
SELECT source, as_of, measure, sum(share) AS total FROM facts.control_shares
WHERE origin = 'table' AND parent_category IS NULL
GROUP BY ALL HAVING abs(sum(share) - 1) > 0.011
