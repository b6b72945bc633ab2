-- Input files by what became of them (raw.files.status; deleted files are gone from the feed).
SELECT status, count(*) AS files
FROM raw.files
WHERE status <> 'deleted'
GROUP BY status
ORDER BY files DESC, status;
