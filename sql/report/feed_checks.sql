-- The latest verdict of every data-quality check (ops.check_results), per table.
SELECT asset_key,
       count(*) FILTER (passed) AS passed,
       count(*) FILTER (NOT passed) AS failed,
       string_agg(check_name, ', ' ORDER BY check_name) FILTER (NOT passed) AS failed_checks,
       max(checked_at) AS checked_at
FROM ops.check_results
GROUP BY asset_key
ORDER BY asset_key;
