-- severity: blocking
-- Counts are not negative and value_low <= value <= value_high where set.
SELECT article_id, claim_index, value, value_low, value_high FROM staging.claim_mentions
WHERE value < 0 OR value_low > value OR value_high < value
