-- severity: blocking
-- No text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) reaches a source, unit or category.
SELECT control_share_id, source, unit, category FROM facts.control_shares
WHERE regexp_matches(source, '^[=+\-@\t\r]') OR regexp_matches(coalesce(unit, ''), '^[=+\-@\t\r]')
   OR regexp_matches(category, '^[=+\-@\t\r]')
