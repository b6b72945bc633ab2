-- severity: blocking
-- Aliases are unique and their sides come from the vocabularies.
SELECT alias, speaker_side, subject_side FROM reference.actors
WHERE speaker_side NOT IN ('government', 'insurgent', 'foreign', 'local', 'media', 'watchdog')
   OR subject_side NOT IN ('government', 'insurgent', 'civilian', 'foreign', 'any')
   OR alias IN (SELECT alias FROM reference.actors GROUP BY 1 HAVING count(*) > 1)
