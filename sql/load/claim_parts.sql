-- The last article id of each of $parts ranges of the article ids whose links moved, in order: facts.claims is merged one
-- range at a time.
SELECT max(article_id) AS last_article
FROM (SELECT article_id, ntile($parts) OVER (ORDER BY article_id) AS part FROM (SELECT DISTINCT article_id FROM moved_links))
GROUP BY part
ORDER BY last_article
