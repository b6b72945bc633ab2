-- severity: blocking
-- Every article has one non-null id derived from its content.
SELECT article_id, count(*) AS n FROM raw.articles GROUP BY article_id HAVING article_id IS NULL OR count(*) > 1
