-- The files this run reads, numbered once per kind in path order: a batch is then a range of numbers
-- (reading the next batch as "the first files after the last one read" sorted the whole feed's changed files every time).
CREATE OR REPLACE TEMP TABLE files_to_read AS
SELECT s.location, s.source_file, s.kind, s.size, s.modified_at, s.problem,
       row_number() OVER (PARTITION BY s.kind ORDER BY s.source_file) AS position
FROM scanned_files s SEMI JOIN changed_files c USING (source_file)
ORDER BY s.kind, position
