-- The shares the rebuilt part of facts.control_shares holds: every watchdog-table share (derived in Python, registered
-- as table_shares) and the shares the changed articles state. The id hashes what identifies a share, so it stays stable.
CREATE OR REPLACE TEMP VIEW incoming_shares AS
SELECT *, 'shr_' || sha256(concat_ws('|', coalesce(source, ''), coalesce(CAST(as_of AS VARCHAR), ''), coalesce(measure, ''),
                                     coalesce(category, ''), coalesce(origin, ''), coalesce(article_id, ''),
                                     coalesce(CAST(span_start AS VARCHAR), ''), coalesce(qualifier, '')))[1:16] AS control_share_id
FROM (
    SELECT * FROM table_shares
    UNION ALL BY NAME
    SELECT * FROM staging.control_statements WHERE article_id IN (SELECT article_id FROM changed_share_articles)
)
