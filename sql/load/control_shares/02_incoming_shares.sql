-- The shares the rebuilt part of facts.control_shares holds: every watchdog-table share (derived in Python, registered
-- as table_shares) and the shares the changed articles state. The id hashes what identifies a share, so it stays stable.
-- Unique by construction: a share stated twice alike is one row, and a second figure with the same identity (two
-- shares of one category in one sentence) gets the id hashed once more with its rank among them.
CREATE OR REPLACE TEMP VIEW incoming_shares AS
WITH shares AS (
    SELECT DISTINCT * FROM (
        SELECT * FROM table_shares
        UNION ALL BY NAME
        SELECT * FROM staging.control_statements WHERE article_id IN (SELECT article_id FROM changed_share_articles)
    )
), keyed AS (
    SELECT *, 'shr_' || sha256(concat_ws('|', coalesce(source, ''), coalesce(CAST(as_of AS VARCHAR), ''), coalesce(measure, ''),
                                          coalesce(category, ''), coalesce(origin, ''), coalesce(article_id, ''),
                                          coalesce(CAST(span_start AS VARCHAR), ''), coalesce(qualifier, '')))[1:16] AS base_id
    FROM shares
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY base_id ORDER BY share NULLS FIRST, count NULLS FIRST, span_end,
                                 parent_category NULLS FIRST, derivation, unit NULLS FIRST) AS rank
    FROM keyed
)
SELECT * EXCLUDE (base_id, rank),
       CASE WHEN rank = 1 THEN base_id ELSE 'shr_' || sha256(base_id || '|' || rank)[1:16] END AS control_share_id
FROM ranked
