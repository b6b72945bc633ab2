-- The articles of one batch of pending_articles, found where the cut saw them.
SELECT a.article_id, a.text, a.title, a.outlet, a.published, a.language, p.staged
FROM raw.articles a JOIN pending_articles p ON a.rowid = p.row AND a.article_id = p.article_id
WHERE p.batch = $batch
ORDER BY a.article_id
