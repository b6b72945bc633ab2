-- Articles with staged rows (or a failed extraction) that are no longer in raw.articles: their rows go.
SELECT article_id FROM (SELECT article_id FROM staging.article_extractions UNION SELECT article_id FROM quarantine.extractions)
WHERE article_id NOT IN (SELECT article_id FROM raw.articles)
