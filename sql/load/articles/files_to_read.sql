-- The next batch of files of a kind to read, in path order after $after ($batch NULL: all of them).
SELECT s.location, s.source_file, s.kind, s.size, s.modified_at
FROM scanned_files s SEMI JOIN changed_files c USING (source_file)
WHERE s.kind = $kind AND s.source_file > $after
ORDER BY s.source_file
LIMIT $batch
