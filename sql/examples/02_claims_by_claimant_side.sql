-- How many claims does each side make, about whose losses, and how many are unconfirmed?
SELECT claimant_side, subject_side, kind, count(*) AS claims, count(*) FILTER (confirmed = false) AS marked_unconfirmed
FROM facts.claims
GROUP BY ALL
ORDER BY claims DESC, claimant_side, subject_side, kind;
