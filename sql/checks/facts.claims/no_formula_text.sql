-- severity: blocking
-- No claimant named by text a spreadsheet would run as a formula (=, +, -, @, tab, CR first).
SELECT claim_id, claimant FROM facts.claims
WHERE regexp_matches(coalesce(claimant, ''), '^[=+\-@\t\r]')
