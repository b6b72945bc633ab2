-- severity: blocking
-- Reported table rows name their file and row; article rows name their article and span; ids are unique.
SELECT control_share_id, origin, derivation FROM facts.control_shares
WHERE (origin = 'table' AND derivation IN ('reported', 'share_from_count') AND (source_file IS NULL OR source_row IS NULL))
   OR (origin = 'article' AND (article_id IS NULL OR span_start IS NULL OR span_end IS NULL))
   OR control_share_id IN (SELECT control_share_id FROM facts.control_shares GROUP BY 1 HAVING count(*) > 1)
