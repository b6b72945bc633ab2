-- severity: blocking
-- Every article file's records are loaded or quarantined: loaded + quarantined + duplicates add up per file.
SELECT f.source_file, f.n_records, a.n AS loaded, f.n_quarantined, q.n AS quarantined
FROM raw.files f
LEFT JOIN (SELECT source_file, count(*) AS n FROM raw.articles GROUP BY 1) a USING (source_file)
LEFT JOIN (SELECT source_file, count(*) AS n FROM quarantine.articles GROUP BY 1) q USING (source_file)
WHERE f.input_kind = 'article' AND f.status <> 'deleted'
  AND (f.n_records <> coalesce(a.n, 0) OR f.n_quarantined <> coalesce(q.n, 0) OR f.n_records + f.n_quarantined = 0)
