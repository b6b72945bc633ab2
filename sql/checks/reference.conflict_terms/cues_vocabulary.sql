-- severity: blocking
-- Every term gives one of the cues the relevance rules read.
SELECT term, cue FROM reference.conflict_terms
WHERE cue NOT IN ('armed_actor', 'armed_violence', 'violence', 'casualty', 'conflict_context', 'other_harm')
   OR trim(term) = ''
