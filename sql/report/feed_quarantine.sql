-- The most frequent quarantine reasons over every quarantine table, the table named with each.
WITH reasons AS (
    SELECT 'files' AS quarantined, reason FROM quarantine.files
    UNION ALL SELECT 'articles', reason FROM quarantine.articles
    UNION ALL SELECT 'extractions', reason FROM quarantine.extractions
    UNION ALL SELECT 'watchdog_rows', reason FROM quarantine.watchdog_rows
)
SELECT quarantined, reason, count(*) AS n
FROM reasons
GROUP BY ALL
ORDER BY n DESC, quarantined, reason
LIMIT $reasons;
