-- severity: blocking
-- kind, subject_side, claimant_side and qualifier use the vocabularies of the gold annotations.
SELECT article_id, claim_index, kind, subject_side, claimant_side, qualifier FROM staging.claim_mentions
WHERE kind NOT IN ('killed', 'wounded', 'killed_or_wounded', 'captured', 'missing', 'escaped', 'bodies', 'attackers', 'garrison')
   OR subject_side NOT IN ('government', 'insurgent', 'civilian', 'foreign', 'local', 'any')
   OR claimant_side NOT IN ('government', 'insurgent', 'foreign', 'local', 'media', 'watchdog', 'unattributed')
   OR qualifier NOT IN ('exact', 'at_least', 'more_than', 'about', 'under', 'up_to', 'range', 'hundreds', 'dozens', 'tens', 'remainder')
