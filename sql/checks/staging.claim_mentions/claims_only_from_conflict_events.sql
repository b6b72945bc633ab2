-- severity: blocking
-- since: staging.article_extractions.extracted_at
-- Claims come only from English articles that report a violent event (relevance conflict_event; pipelines/extract/relevance.py), among the articles extracted since the last passing verdict.
SELECT c.article_id, c.claim_index, e.language, e.relevance
FROM staging.claim_mentions c
JOIN staging.article_extractions e USING (article_id)
WHERE ($since IS NULL OR e.extracted_at > $since) AND e.relevance <> 'conflict_event'
