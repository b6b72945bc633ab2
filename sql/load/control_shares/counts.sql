-- Rows of facts.control_shares, and how many of them articles state.
SELECT count(*), count(*) FILTER (origin = 'article') FROM facts.control_shares
