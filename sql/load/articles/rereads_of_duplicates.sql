-- A file that duplicated an article whose file changed or went is read again, so that it can take the article over.
-- (A bundle that only grew keeps its articles.)
INSERT INTO changed_files
SELECT DISTINCT q.source_file FROM quarantine.articles q
WHERE q.duplicate_of IN (SELECT article_id FROM raw.articles
                         WHERE source_file IN (SELECT source_file FROM changed_files UNION ALL SELECT source_file FROM deleted_files)
                           AND source_file NOT IN (SELECT source_file FROM appended_files))
  AND q.source_file IN (SELECT source_file FROM scanned_files)
  AND q.source_file NOT IN (SELECT source_file FROM changed_files)
