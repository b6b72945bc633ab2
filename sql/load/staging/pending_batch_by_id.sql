-- The articles of one batch of pending_articles, found by id: when a checkpoint has moved rows since the cut
-- (DuckDB renumbers the rows of a table it compacts), at the cost of reading the whole table's text.
SELECT a.article_id, a.text, a.title, a.outlet, a.published, a.language, p.staged
FROM raw.articles a JOIN pending_articles p USING (article_id)
WHERE p.batch = $batch
ORDER BY a.article_id
