-- Changed JSONL bundles that may only have grown: larger than when last read, which loaded at least one line.
-- With what they held then: size and hash (to test that the old bytes are unchanged), and loaded, duplicate and unreadable lines.
-- A bundle holding a duplicate of an article whose file changed or went is read again whole, so that it can take the article over.
SELECT s.location, s.source_file, s.size, f.bytes, f.file_sha256, f.n_records,
       count(q.duplicate_of), count(q.source_file) - count(q.duplicate_of)
FROM scanned_files s
JOIN raw.files f USING (source_file)
SEMI JOIN changed_files c USING (source_file)
LEFT JOIN quarantine.articles q USING (source_file)
WHERE NOT $everything AND s.kind = 'article' AND lower(s.source_file) LIKE '%.jsonl'
  AND f.status IN ('loaded', 'partial', 'duplicate') AND 0 < f.bytes AND f.bytes < s.size
GROUP BY ALL
HAVING NOT bool_or(q.duplicate_of IN (SELECT article_id FROM raw.articles
                                      WHERE source_file IN (SELECT source_file FROM changed_files UNION ALL SELECT source_file FROM deleted_files)
                                        AND source_file <> s.source_file))
ORDER BY s.source_file
