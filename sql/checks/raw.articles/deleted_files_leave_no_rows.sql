-- severity: blocking
-- A file recorded as deleted has no articles or quarantine rows left.
SELECT f.source_file FROM raw.files f
WHERE f.status = 'deleted'
  AND (EXISTS (SELECT 1 FROM raw.articles a WHERE a.source_file = f.source_file)
       OR EXISTS (SELECT 1 FROM quarantine.articles q WHERE q.source_file = f.source_file))
