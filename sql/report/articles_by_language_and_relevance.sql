-- Articles per language and, within it, per relevance class (views.article_relevance).
SELECT coalesce(language, 'unknown') AS language, coalesce(relevance, 'not extracted') AS relevance,
       count(*) AS articles
FROM views.article_relevance
GROUP BY ALL
ORDER BY language, relevance;
