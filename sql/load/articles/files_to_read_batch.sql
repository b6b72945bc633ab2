-- Files of a kind to read, numbers $first to $last of files_to_read (in path order).
SELECT location, source_file, kind, size, modified_at, problem
FROM files_to_read
WHERE kind = $kind AND position BETWEEN $first AND $last
ORDER BY position
