-- Every check's latest verdict in one string: the report is drawn again when any verdict changes.
SELECT string_agg(asset_key || ':' || check_name || ':' || passed, ',' ORDER BY asset_key, check_name)
FROM ops.check_results;
